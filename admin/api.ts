import { fill, strings } from './strings.ts';
import type {
  ActionResult,
  UndoResult,
  AdminComment,
  AuditEntry,
  Ban,
  Counts,
  MailStatus,
  WebhookStatus,
  Moderator,
  Queue,
  SearchField,
  Settings,
  Action,
  ReaderAccount,
} from './types.ts';

/** A failed request: the server's error code and message (or a network failure). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    // Relative to the page (…/admin/), so a path prefix in front of the server is kept.
    response = await fetch(new URL(`../api/admin${path}`, location.href), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', strings.errors.network);
  }
  if (response.status === 204) return undefined as T;
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = json?.error ?? {};
    throw new ApiError(response.status, error.code ?? 'unknown', error.message ?? fill(strings.errors.status, { status: response.status }));
  }
  return json as T;
}

/** A thread's title and publication date, and where they came from. */
export interface ThreadDetails {
  site: string;
  page: string;
  title: string;
  published: string | null;
  source: 'poster' | 'blog' | 'moderator';
}

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const api = {
  me: () => call<{ moderator: Moderator }>('GET', '/session'),
  signIn: (email: string, password: string) => call<{ moderator: Moderator }>('POST', '/session', { email, password }),
  signOut: () => call<void>('DELETE', '/session'),
  sites: () => call<{ sites: string[] }>('GET', '/sites'),
  counts: (site: string) => call<Counts>('GET', `/counts${query({ site })}`),
  queue: (p: { queue: Queue; site: string; q: string; in: SearchField; before?: number }) =>
    call<{ comments: AdminComment[]; next: number | null }>('GET', `/queue${query(p)}`),
  act: (action: Action, ids: number[]) => call<ActionResult>('POST', '/actions', { action, ids }),
  undo: (id: number) => call<UndoResult>('POST', '/undo', { undo: id }),
  edit: (id: number, text: string) => call<{ comment: AdminComment }>('PATCH', `/comments/${id}`, { text }),
  reply: (id: number, text: string) => call<{ comment: AdminComment }>('POST', `/comments/${id}/reply`, { text }),
  comment: (id: number) => call<{ comment: AdminComment }>('GET', `/comments/${id}`),
  pin: (id: number, pinned: boolean) => call<{ comment: AdminComment }>('POST', `/comments/${id}/pin`, { pinned }),
  lock: (site: string, page: string, locked: boolean) => call<unknown>('POST', '/threads/lock', { site, page, locked }),
  thread: (site: string, page: string) => call<{ thread: ThreadDetails }>('GET', `/threads${query({ site, page })}`),
  saveThread: (site: string, page: string, title: string, published: string | null) =>
    call<{ thread: ThreadDetails }>('PUT', '/threads', { site, page, title, published }),
  settings: (site: string) => call<{ settings: Settings; serverDefaults: { requireNameEmail: boolean } }>('GET', `/settings${query({ site })}`),
  saveSettings: (site: string, settings: Settings) => call<{ settings: Settings }>('PUT', `/settings${query({ site })}`, settings),
  audit: (p: { comment?: number; moderator?: number; before?: number }) => call<{ entries: AuditEntry[]; next: number | null }>('GET', `/audit${query(p)}`),
  moderators: () => call<{ moderators: Moderator[] }>('GET', '/moderators'),
  accounts: (q: string) => call<{ accounts: ReaderAccount[] }>('GET', `/accounts${query({ q })}`),
  linkAccount: (id: number, moderator: number | null) => call<{ account: ReaderAccount }>('PUT', `/accounts/${id}/moderator`, { moderator }),
  bans: () => call<{ bans: Ban[] }>('GET', '/bans'),
  ban: (b: { kind: Ban['kind']; value?: string; comment?: number; until: string | null; reason: string }) => call<{ ban: Ban }>('POST', '/bans', b),
  unban: (id: number) => call<void>('DELETE', `/bans/${id}`),
  mail: () => call<MailStatus>('GET', '/mail'),
  retryMail: (id: number) => call<{ retried: true }>('POST', `/mail/${id}/retry`, {}),
  webhooks: (onlyFailed = false) => call<WebhookStatus>('GET', `/webhooks${onlyFailed ? '?state=failed' : ''}`),
  retryWebhook: (id: number) => call<{ retried: true }>('POST', `/webhooks/${id}/retry`, {}),
};
