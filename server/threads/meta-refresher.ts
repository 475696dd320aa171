/**
 * Learns each thread's title and publication date from its blog page, once
 * per thread: only when SITE_ORIGINS names the blog, a few fetches at a time
 * however many requests ask, further apart after each failure (the blog is
 * down), given up after MAX_ATTEMPTS. The database's claim (one atomic
 * UPDATE) makes one fetch per thread across several servers too.
 */
import type { Thread, ThreadMetaRepo } from '../db/types.ts';
import { FETCH_DEFAULTS, fetchPageMeta, type FetchOutcome, type Lookup } from './fetch-page.ts';

export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const LAST_RETRY_MS = 86_400_000;
/** How long a claimed fetch keeps others off (longer than any fetch takes). */
const LEASE_MS = 5 * 60_000;

/** After failed attempt n (1-based): a minute, then doubling, at most a day. */
export const retryDelay = (attempt: number) => Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), LAST_RETRY_MS);

export interface MetaRefresherOptions {
  repo: ThreadMetaRepo;
  siteOrigins: readonly string[];
  clock: () => number;
  log: (message: string) => void;
  /** At most this many pages fetched at once (2); more waiting than `queue` (100) are dropped until the next request asks. */
  concurrency?: number;
  queue?: number;
  fetch?: (origin: string, page: string, now: number) => Promise<FetchOutcome>;
  lookup?: Lookup;
  /** How long one page may take to answer (5 s). */
  timeoutMs?: number;
}

export interface MetaRefresher {
  /** Fetches the thread's page later (never during the caller's request) if its title still comes from the poster and a fetch is due. */
  consider(thread: Thread, origin: string): void;
  /**
   * Until when an answer drawn from this thread may be cached: the time its page
   * may next be fetched, or Infinity when it never will be. Only a read that
   * misses the response cache comes by `consider`, so a thread still waiting for
   * its title must miss again once its retry is due.
   */
  cacheableUntil(thread: Thread): number;
  /** Settles when nothing is fetching or waiting (tests, shutdown). */
  idle(): Promise<void>;
}

const due = (thread: Thread, now: number) =>
  thread.metaSource === 'poster' && thread.metaAttempts < MAX_ATTEMPTS && (thread.metaDueAt === null || thread.metaDueAt <= now);

export function createMetaRefresher(o: MetaRefresherOptions): MetaRefresher {
  const concurrency = o.concurrency ?? 2;
  const limit = o.queue ?? 100;
  const fetch =
    o.fetch ??
    ((origin, page, now) => fetchPageMeta(origin, page, { ...FETCH_DEFAULTS, timeoutMs: o.timeoutMs ?? FETCH_DEFAULTS.timeoutMs, lookup: o.lookup, now }));
  const waiting = new Map<number, { thread: Thread; origin: string }>();
  const running = new Set<number>();
  let settled: Array<() => void> = [];

  async function refresh(thread: Thread, origin: string) {
    const now = o.clock();
    const attempt = await o.repo.claimFetch(thread.id, now, LEASE_MS, MAX_ATTEMPTS);
    if (attempt === null) return;
    const outcome = await fetch(origin, thread.page, now);
    if (outcome.ok) return o.repo.learnt(thread.id, outcome.meta);
    const last = attempt >= MAX_ATTEMPTS;
    o.log(`could not read the title of ${origin}${thread.page}: ${outcome.reason}${last ? "; the poster's title stays (a moderator can change it)" : ''}`);
    await o.repo.fetchFailed(thread.id, o.clock() + retryDelay(attempt));
  }

  function pump() {
    for (const [id, job] of waiting) {
      if (running.size >= concurrency) break;
      waiting.delete(id);
      running.add(id);
      refresh(job.thread, job.origin)
        .catch((error: unknown) => o.log(`reading the title of ${job.origin}${job.thread.page} failed: ${(error as Error).message}`))
        .finally(() => {
          running.delete(id);
          pump();
        });
    }
    if (!running.size && !waiting.size) {
      for (const resolve of settled) resolve();
      settled = [];
    }
  }

  return {
    consider(thread, origin) {
      if (!o.siteOrigins.includes(origin) || !due(thread, o.clock())) return;
      if (running.has(thread.id) || waiting.has(thread.id) || waiting.size >= limit) return;
      waiting.set(thread.id, { thread, origin });
      queueMicrotask(pump);
    },
    cacheableUntil(thread) {
      // With SITE_ORIGINS set, every read considers one of its origins (server/mail/page-origin.ts); without it nothing is fetched.
      if (!o.siteOrigins.length || thread.metaSource !== 'poster' || thread.metaAttempts >= MAX_ATTEMPTS) return Infinity;
      const now = o.clock();
      if (thread.metaDueAt !== null && thread.metaDueAt > now) return thread.metaDueAt;
      // Due now, so this read has just asked for the fetch: should it fail, its retry is due no sooner than this.
      return now + retryDelay(thread.metaAttempts + 1);
    },
    idle() {
      if (!running.size && !waiting.size) return Promise.resolve();
      return new Promise((resolve) => settled.push(resolve));
    },
  };
}
