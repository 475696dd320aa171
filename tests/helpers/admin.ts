import { hashPassword } from '../../server/auth/password.ts';
import type { TestApp } from './test-app.ts';

export const ADMIN_ORIGIN = 'http://localhost';
export const PASSWORD = 'correct horse battery staple';

/** Creates a moderator and signs in; returns a client that sends the session cookie and this server's Origin. */
export async function signIn(t: TestApp, email = 'mod@example.com', name = 'Mo') {
  if (!(await t.repos.moderators.findByEmail(email))) {
    await t.repos.moderators.create({ email, name, passwordHash: await hashPassword(PASSWORD), now: t.time.now });
  }
  const response = await t.post('/api/admin/session', { email, password: PASSWORD }, { Origin: originOf(t) });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = /parley_admin=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0];
  const moderator = ((await response.json()) as any).moderator as { id: number; email: string; name: string };
  return { cookie, moderator, ...adminClient(t, cookie) };
}

/** The server's own origin: PUBLIC_URL's, or that of app.request()'s default URL. */
const originOf = (t: TestApp) => (t.config.publicUrl ? new URL(t.config.publicUrl).origin : ADMIN_ORIGIN);

export function adminClient(t: TestApp, cookie: string) {
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await t.request(method, `/api/admin${path}`, body, { Cookie: cookie, Origin: originOf(t), ...headers });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as any) : null };
  };
  return {
    send,
    get: (path: string) => send('GET', path),
    post: (path: string, body: unknown) => send('POST', path, body),
    put: (path: string, body: unknown) => send('PUT', path, body),
    patch: (path: string, body: unknown) => send('PATCH', path, body),
    del: (path: string) => send('DELETE', path),
    act: (action: string, ids: number[]) => send('POST', '/actions', { action, ids }),
    queue: async (query = 'queue=pending') => (await send('GET', `/queue?${query}`)).body.comments as any[],
    counts: async (site?: string) => (await send('GET', `/counts${site ? `?site=${site}` : ''}`)).body,
    audit: async (query = '') => (await send('GET', `/audit${query ? `?${query}` : ''}`)).body.entries as any[],
  };
}

export type AdminClient = Awaited<ReturnType<typeof signIn>>;
