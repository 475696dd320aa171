/**
 * What the widget keeps in the host page's localStorage, all under `parley:` keys:
 * the guest's details, the edit tokens of their comments, the reader id for likes and the liked ids.
 * Storage may be blocked (private modes, sandboxed frames): reads then fall back, writes are logged.
 */
export interface Guest {
  name: string;
  email: string;
  url: string;
}

/** id → { t: edit token, p: page, s: site, at: createdAt } */
export type Tokens = Record<string, { t: string; p: string; s?: string; at: string }>;

const MAX_TOKENS = 200;

export function read<T>(key: string, fallback: T): T {
  try {
    return JSON.parse(localStorage.getItem('parley:' + key)!) ?? fallback;
  } catch {
    return fallback;
  }
}

export function write(key: string, value: unknown) {
  try {
    localStorage.setItem('parley:' + key, JSON.stringify(value));
  } catch (error) {
    console.warn('[parley] could not save', key, error);
  }
}

const newest = (tokens: Tokens) => Object.entries(tokens).sort((a, b) => (a[1].at < b[1].at ? 1 : -1));

/** Keeps a new edit token, dropping the oldest beyond 200; returns what is now stored. */
export function saveToken(id: number, entry: Tokens[string]): Tokens {
  const tokens = Object.fromEntries(newest({ ...read<Tokens>('tokens', {}), [id]: entry }).slice(0, MAX_TOKENS));
  write('tokens', tokens);
  return tokens;
}

/** The `X-Parley-Tokens` value for one page: its 50 newest tokens, comma-separated. */
export const tokensFor = (tokens: Tokens, page: string, site?: string) =>
  newest(tokens)
    .filter(([, e]) => e.p == page && e.s == site)
    .slice(0, 50)
    .map(([, e]) => e.t)
    .join();

/** The random id that lets the server count one like per reader, made once. */
export function readerId(): string {
  let id = read('reader', '');
  if (!id) {
    id = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => (b | 256).toString(16).slice(1)).join('');
    write('reader', id);
  }
  return id;
}
