import { AppError } from '../errors.ts';

/**
 * A fixed-window counter per key (client address or account): at most `limit`
 * hits per `windowMs`. `limit` 0 turns it off.
 */
export function createRateLimiter(options: { limit: number; windowMs: number; clock: () => number; maxKeys?: number }) {
  const windows = new Map<string, { start: number; hits: number }>();
  const maxKeys = options.maxKeys ?? 100_000;

  return {
    /** Counts one hit for `key`; throws 429 with Retry-After when over the limit. */
    hit(key: string): void {
      if (options.limit <= 0) return;
      const now = options.clock();
      let window = windows.get(key);
      if (!window || now - window.start >= options.windowMs) {
        if (windows.size >= maxKeys) sweep(now);
        window = { start: now, hits: 0 };
        windows.set(key, window);
      }
      window.hits += 1;
      if (window.hits > options.limit) {
        const retryAfter = Math.max(1, Math.ceil((window.start + options.windowMs - now) / 1000));
        throw new AppError(429, 'rate_limited', `Too many requests; try again in ${retryAfter} seconds.`, undefined, {
          'Retry-After': String(retryAfter),
        });
      }
    },
  };

  function sweep(now: number): void {
    for (const [key, window] of windows) if (now - window.start >= options.windowMs) windows.delete(key);
    if (windows.size >= maxKeys) windows.clear();
  }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
