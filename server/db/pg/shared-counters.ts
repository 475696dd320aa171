import type { SharedCounters } from '../types.ts';
import type { PgDatabase } from './database.ts';

/** Rows past their time are swept after this many writes from this process. */
const SWEEP_EVERY = 500;

/**
 * Rate-limit windows and sign-in locks in one UNLOGGED table (a crash may
 * forget recent hits, never the site's data), one row per key: each write is
 * one upsert, and expired rows are swept now and then, so a flood from many
 * addresses leaves at most a window's worth of rows behind.
 */
export function createPgSharedCounters(db: PgDatabase): SharedCounters {
  let writes = 0;
  const wrote = (now: number) => {
    if (++writes % SWEEP_EVERY) return;
    db.query('DELETE FROM shared_counters WHERE expires_at <= $1', [now]).catch((error: Error) => {
      console.error('[parley] could not sweep the shared counters:', error.message);
    });
  };

  return {
    async hit(key, windowStart, expiresAt) {
      const row = await db.one<{ hits: number }>(
        `
        INSERT INTO shared_counters AS s (key, window_start, hits, expires_at) VALUES ($1, $2, 1, $3)
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN s.window_start = EXCLUDED.window_start THEN s.hits + 1 ELSE 1 END,
          window_start = EXCLUDED.window_start,
          expires_at = GREATEST(s.expires_at, EXCLUDED.expires_at)
        RETURNING hits`,
        [key, windowStart, expiresAt],
      );
      wrote(windowStart);
      return row!.hits;
    },
    async hold(key, until) {
      await db.query(
        `INSERT INTO shared_counters (key, window_start, hits, expires_at) VALUES ($1, 0, 0, $2)
        ON CONFLICT (key) DO UPDATE SET expires_at = GREATEST(shared_counters.expires_at, EXCLUDED.expires_at)`,
        [key, until],
      );
    },
    async heldUntil(key, now) {
      const row = await db.one<{ expires_at: number }>('SELECT expires_at FROM shared_counters WHERE key = $1 AND expires_at > $2', [key, now]);
      return row?.expires_at ?? 0;
    },
    async clear(key) {
      await db.query('DELETE FROM shared_counters WHERE key = $1', [key]);
    },
  };
}
