import { AppError } from '../errors.ts';
import type { SharedCounters } from '../db/types.ts';

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  clock: () => number;
  maxKeys?: number;
  /**
   * The counts every server on the database shares (PostgreSQL), under `name`:
   * then the limit holds for the site, not per process. Null on SQLite, where
   * this process is the only one (server/db/server-lock.ts).
   */
  shared?: { counters: SharedCounters; name: string } | null;
}

const limited = (retryAfter: number) =>
  new AppError(429, 'rate_limited', `Too many requests; try again in ${retryAfter} seconds.`, undefined, {
    'Retry-After': String(retryAfter),
  });

/**
 * A fixed-window counter per key (client address or account): at most `limit`
 * hits per `windowMs`. `limit` 0 turns it off. The process's own count
 * answers first (a flood from one client never reaches the database); with
 * `shared`, the site-wide count in the database decides.
 */
export function createRateLimiter(options: RateLimitOptions) {
  const windows = new Map<string, { start: number; hits: number }>();
  const maxKeys = options.maxKeys ?? 100_000;
  const shared = options.shared ?? null;

  /** This process's count; throws 429 past the limit. */
  function local(key: string, now: number): void {
    let window = windows.get(key);
    if (!window || now - window.start >= options.windowMs) {
      if (windows.size >= maxKeys) sweep(now);
      window = { start: now, hits: 0 };
      windows.set(key, window);
    }
    window.hits += 1;
    if (window.hits > options.limit) throw limited(Math.max(1, Math.ceil((window.start + options.windowMs - now) / 1000)));
  }

  return {
    /** Counts one hit for `key`; throws 429 with Retry-After when over the limit. */
    async hit(key: string): Promise<void> {
      if (options.limit <= 0) return;
      const now = options.clock();
      local(key, now);
      if (!shared) return;
      // Windows aligned on the clock, so every server counts into the same one.
      const start = now - (now % options.windowMs);
      const hits = await shared.counters.hit(`${shared.name}:${key}`, start, start + options.windowMs);
      if (hits > options.limit) throw limited(Math.max(1, Math.ceil((start + options.windowMs - now) / 1000)));
    },
  };

  function sweep(now: number): void {
    for (const [key, window] of windows) if (now - window.start >= options.windowMs) windows.delete(key);
    if (windows.size >= maxKeys) windows.clear();
  }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
