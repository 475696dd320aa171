/** Every request the widget makes. Only this file calls `fetch`; each function takes the server's base URL. */
import type { Account, ApiError, Comment, NewComment, Sort, ThreadPage } from './types.ts';
import { read, write } from './storage.ts';
import type { Locale } from './i18n/en.ts';
import { localePath } from './lang/locale-path.ts';

type Headers = Record<string, string>;
type Query = [string, string | undefined][];

/**
 * A signed-in reader's session token (`parley:session`) goes with every request. When the server
 * says it is no longer valid, it is dropped (`parley:session` event) and a read is retried as a guest.
 */
async function call<T>(base: string, path: string, method = 'GET', body?: unknown, headers: Headers = {}): Promise<T> {
  const session = read('session', '');
  if (session) headers.Authorization = 'Bearer ' + session;
  if (body) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(new URL(path, base), { method, headers, body: body ? JSON.stringify(body) : null, credentials: 'omit' });
  } catch {
    throw { code: 'network' } satisfies ApiError;
  }
  if (res.status == 204) return undefined as T;
  const json = await res.json().catch(() => null);
  if (res.ok && json) return json;
  if (session && json?.error?.code == 'session_invalid') {
    write('session', '');
    dispatchEvent(new Event('parley:session'));
    if (method == 'GET') {
      delete headers.Authorization;
      return call(base, path, method, body, headers);
    }
  }
  throw { code: 'internal_error', ...json?.error, retry: res.headers.get('Retry-After') } satisfies ApiError;
}

const qs = (query: Query) => ('?' + new URLSearchParams(query.filter((p): p is [string, string] => !!p[1]))).replace(/\?$/, '');

/** A page of the thread; with `root`, the rest of that branch; with `comment`, that comment and those above it. */
export const getComments = (base: string, q: { page: string; site?: string; sort: Sort; after?: string; root?: number; comment?: number }, tokens: string) =>
  call<ThreadPage>(
    base,
    'api/comments' +
      qs([
        ['page', q.page],
        ['site', q.site],
        ['sort', q.sort],
        ['after', q.after],
        ['root', q.root ? '' + q.root : ''],
        ['comment', q.comment ? '' + q.comment : ''],
      ]),
    'GET',
    0,
    tokens ? { 'X-Parley-Tokens': tokens } : {},
  );

export const postComment = (base: string, body: NewComment) => call<{ comment: Comment; editToken?: string }>(base, 'api/comments', 'POST', body);

export const editComment = (base: string, id: number, text: string, token = '') =>
  call<{ comment: Comment; editPending?: boolean }>(base, 'api/comments/' + id, 'PATCH', { text }, { 'X-Parley-Token': token });

export const deleteComment = (base: string, id: number, token = '') => call<void>(base, 'api/comments/' + id, 'DELETE', 0, { 'X-Parley-Token': token });

export const likeComment = (base: string, id: number, on: boolean, reader: string) =>
  call<{ likes: number; liked: boolean }>(base, `api/comments/${id}/like`, on ? 'POST' : 'DELETE', 0, { 'X-Parley-Reader': reader });

export const reportComment = (base: string, id: number, reason: string, reader: string) =>
  call<{ reported: boolean }>(base, `api/comments/${id}/report`, 'POST', { reason }, { 'X-Parley-Reader': reader });

export const previewComment = (base: string, text: string) => call<{ html: string }>(base, 'api/preview', 'POST', { text });

export const getCounts = (base: string, pages: string[], site?: string) =>
  call<Record<string, number>>(base, 'api/counts' + qs([['site', site], ...pages.map((p): [string, string] => ['page', p])]));

/** One comment of a site's recent list (`GET /api/recent`). */
export interface RecentComment {
  id: number;
  page: string;
  title: string;
  author: { name: string; url: string | null };
  excerpt: string;
  createdAt: string;
}

export const getRecent = (base: string, limit: number, site?: string) =>
  call<{ comments: RecentComment[] }>(
    base,
    'api/recent' +
      qs([
        ['site', site],
        ['limit', String(limit)],
      ]),
  );

/** Live changes to one thread (server-sent events); returns a function that closes the stream. */
// biome-ignore lint/suspicious/noExplicitAny: each event's data is checked by its handler
export function liveEvents(base: string, q: { page: string; site?: string }, on: Record<'comment' | 'removed' | 'likes', (data: any) => void>) {
  const source = new EventSource(
    new URL(
      'api/events' +
        qs([
          ['page', q.page],
          ['site', q.site],
        ]),
      base,
    ),
  );
  for (const [name, handle] of Object.entries(on)) source.addEventListener(name, (e) => handle(JSON.parse((e as MessageEvent).data)));
  return () => source.close();
}

export const getMe = (base: string) => call<{ account: Account }>(base, 'api/me');

export const logOut = (base: string) => call<void>(base, 'api/logout', 'POST');

/** Sign-in by email: the server mails a one-time link; the same answer whatever the address. */
export const requestEmailLink = (base: string, body: { email: string; name: string; site?: string; page: string; handoff: string; lang: string }) =>
  call<{ sent: true }>(base, 'api/auth/email', 'POST', body);

/** A moderator's requests from the thread (moderate.js): the thread's held comments, and the admin actions the widget offers. */
export const getHeld = (base: string, page: string, site?: string) =>
  call<{ comments: Comment[] }>(
    base,
    'api/moderate/held' +
      qs([
        ['page', page],
        ['site', site],
      ]),
  );

export const moderate = (base: string, path: string, body: unknown) => call<unknown>(base, 'api/moderate/' + path, 'POST', body);

export const exchangeGrant = (base: string, grant: string, handoff: string) =>
  call<{ token: string; account: Account }>(base, 'api/auth/exchange', 'POST', { grant, handoff });

/**
 * The strings of locale `code` (widget/lang/): a plain GET without credentials or extra headers, so
 * no preflight and the same cached answer for every reader. Rejects when there is no such locale.
 */
export async function getLocale(base: string, code: string, group?: string): Promise<Locale> {
  const res = await fetch(new URL(localePath(code, group), base), { credentials: 'omit' });
  if (!res.ok) throw new Error(`no locale ${code} (${res.status})`);
  return res.json();
}
