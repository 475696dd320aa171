import { AppError } from '../errors.ts';

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
 * when full, expired entries go first, then the oldest unlocked ones.
 */
export function createSignInLockout(options: { failures: number; windowMs: number; lockMs: number; clock: () => number; maxKeys?: number }) {
  const entries = new Map<string, Entry>();
  const maxKeys = options.maxKeys ?? 100_000;

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
    for (const key of entries.keys()) {
      if (entries.size < maxKeys) return;
      entries.delete(key);
    }
  }

  return {
    lockMs: options.lockMs,

    /** 429 with Retry-After while `email`'s sign-in is locked. */
    check(email: string): void {
      const entry = entries.get(email);
      const now = options.clock();
      if (!entry || entry.lockedUntil <= now) return;
      const retryAfter = Math.max(1, Math.ceil((entry.lockedUntil - now) / 1000));
      throw new AppError(429, 'sign_in_locked', `Too many wrong passwords for this account; sign-in is paused for ${Math.ceil(retryAfter / 60)} minutes.`, undefined, {
        'Retry-After': String(retryAfter),
      });
    },

    /** Counts a wrong password for `email`; true when this one locked it. */
    fail(email: string): boolean {
      const now = options.clock();
      let entry = entries.get(email);
      if (!entry || (entry.lockedUntil <= now && now - entry.since >= options.windowMs)) {
        entry = make(now);
        entries.set(email, entry);
      }
      entry.failures += 1;
      if (entry.failures < options.failures) return false;
      entries.set(email, { since: now, failures: 0, lockedUntil: now + options.lockMs });
      return true;
    },

    /** A right password outside a lock clears the count. */
    succeed(email: string): void {
      entries.delete(email);
    },
  };
}

export type SignInLockout = ReturnType<typeof createSignInLockout>;
