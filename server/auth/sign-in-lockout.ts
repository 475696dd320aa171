import { AppError } from '../errors.ts';
import type { SharedCounters } from '../db/types.ts';

interface Entry {
  /** Start of the current counting window. */
  since: number;
  failures: number;
  /** 0 when not locked. */
  lockedUntil: number;
}

/**
 * Wrong passwords counted per moderator account (by the email typed, whether
 * or not a moderator has it, so the answers never tell which accounts exist):
 * `failures` of them within `windowMs` lock that email's sign-in for `lockMs`
 * from every address, right password or not. Memory is bounded by `maxKeys`:
 * when full, expired entries go first, then the oldest unlocked ones; a
 * locked entry is never evicted.
 * With `shared` (PostgreSQL), wrong passwords and locks are counted in the
 * database too, so guesses spread over several servers lock the account on all.
 */
export function createSignInLockout(options: {
  failures: number;
  windowMs: number;
  lockMs: number;
  clock: () => number;
  maxKeys?: number;
  shared?: SharedCounters | null;
}) {
  const entries = new Map<string, Entry>();
  const maxKeys = options.maxKeys ?? 100_000;
  const shared = options.shared ?? null;
  const failKey = (email: string) => `sign-in-failures:${email}`;
  const lockKey = (email: string) => `sign-in-lock:${email}`;

  const locked = (until: number, now: number) => {
    const retryAfter = Math.max(1, Math.ceil((until - now) / 1000));
    return new AppError(
      429,
      'sign_in_locked',
      `Too many wrong passwords for this account; sign-in is paused for ${Math.ceil(retryAfter / 60)} minutes.`,
      undefined,
      {
        'Retry-After': String(retryAfter),
      },
    );
  };

  function make(now: number): Entry {
    if (entries.size >= maxKeys) sweep(now);
    return { since: now, failures: 0, lockedUntil: 0 };
  }

  function sweep(now: number): void {
    for (const [key, entry] of entries) {
      if (entry.lockedUntil <= now && now - entry.since >= options.windowMs) entries.delete(key);
    }
    for (const [key, entry] of entries) {
      if (entries.size < maxKeys) return;
      if (entry.lockedUntil <= now) entries.delete(key);
    }
    // Every entry left is locked, and none is dropped: that would lift a lock for whoever sprays
    // enough other emails. The map outgrows maxKeys by locks alone, each the price of `failures`
    // password checks (which the hashing cost makes slow), and each gone after lockMs.
  }

  return {
    lockMs: options.lockMs,

    /** 429 with Retry-After while `email`'s sign-in is locked (here, or by another server). */
    async check(email: string): Promise<void> {
      const entry = entries.get(email);
      const now = options.clock();
      if (entry && entry.lockedUntil > now) throw locked(entry.lockedUntil, now);
      const until = shared ? await shared.heldUntil(lockKey(email), now) : 0;
      if (until > now) throw locked(until, now);
    },

    /** Counts a wrong password for `email`; true when this one locked it. */
    async fail(email: string): Promise<boolean> {
      const now = options.clock();
      let entry = entries.get(email);
      if (!entry || (entry.lockedUntil <= now && now - entry.since >= options.windowMs)) {
        entry = make(now);
        entries.set(email, entry);
      }
      entry.failures += 1;
      const here = entry.failures >= options.failures;
      if (here) entries.set(email, { since: now, failures: 0, lockedUntil: now + options.lockMs });
      if (!shared) return here;
      const start = now - (now % options.windowMs);
      const everywhere = await shared.hit(failKey(email), start, start + options.windowMs);
      if (!here && everywhere < options.failures) return false;
      await shared.hold(lockKey(email), now + options.lockMs);
      await shared.clear(failKey(email));
      return true;
    },

    /** A right password outside a lock clears the count. */
    async succeed(email: string): Promise<void> {
      entries.delete(email);
      await shared?.clear(failKey(email));
    },
  };
}

export type SignInLockout = ReturnType<typeof createSignInLockout>;
