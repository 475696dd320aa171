import type { Config } from './config.ts';
import type { Repos } from './db/repos.ts';
import type { AccountLookup } from './comments/identity.ts';
import type { ResponseCache } from './lib/response-cache.ts';
import type { RateLimiter } from './http/rate-limit.ts';
import type { SignInLockout } from './auth/sign-in-lockout.ts';
import type { Akismet } from './moderation/akismet.ts';
import type { MetaRefresher } from './threads/meta-refresher.ts';

/** Everything a route needs, made once by createApp. No module-level state. */
export interface Deps {
  readonly config: Config;
  readonly repos: Repos;
  readonly clock: () => number;
  /** Key for HMACs and signatures (avatar keys, signed links). */
  readonly secret: string;
  readonly accountOf: AccountLookup;
  readonly cache: ResponseCache;
  readonly limits: {
    readonly comments: RateLimiter;
    readonly actions: RateLimiter;
    /** Moderator sign-in attempts per address, and wrong passwords per account. */
    readonly signIn: RateLimiter;
    readonly signInLockout: SignInLockout;
  };
  /** The Akismet client when AKISMET_KEY is set. */
  readonly akismet: Akismet | null;
  /** Prefix for avatar URLs: PUBLIC_URL, or '' for server-relative paths. */
  readonly avatarBase: string;
  /** Learns threads' titles and dates from their blog pages, in the background. */
  readonly pages: MetaRefresher;
  /** Where the built widget (embed.js, count.js) lives. */
  readonly distDir: string;
}
