/** The storage interface (server/db/types.ts), part: Feeds, imports and exports. */
import type { ExportComment, FeedEntry, Like, Site, Thread } from '../domain.ts';
import type { BatchResult, ImportRow, RunState, ThreadTarget } from '../import-types.ts';

export interface FeedRepo {
  /** The latest approved comments of a page or a whole site, for Atom feeds. */
  latest(siteId: string, page: string | undefined, limit: number): Promise<FeedEntry[]>;
}

export interface KnownKeyQuery {
  site: string;
  source: string;
  /** The blog or forum `key` is unique in ('' when the file does not say). */
  origin: string;
  key: string;
  page: string;
  id: number | null;
  createdAt: number | null;
}

/** Imports: batched writes keyed by the source's own ids, so running an import twice adds nothing. */
export interface ImportRepo {
  startRun(q: { site: string; source: string; file: string; fingerprint: string; now: number; maxDepth: number }): Promise<RunState>;
  /** The last run that completed the very same import (file contents and options), if any. */
  sameImport(fingerprint: string): Promise<{ id: number; finishedAt: number; summary: string } | undefined>;
  finishRun(run: RunState, outcome: 'done' | 'failed', summary: unknown, now: number): Promise<void>;
  /**
   * For each (site, source, key): the comment it was imported as, `null` when that comment has since been
   * deleted, undefined when never imported (a Parley export's own comment also counts as present when a
   * comment with its id, page and date is there).
   */
  knownKeys(items: readonly KnownKeyQuery[]): Promise<Array<number | null | undefined>>;
  /** A site named by the file, with its settings when it is new. */
  ensureSite(run: RunState, site: string, settings: Record<string, unknown>, now: number): Promise<void>;
  /** Stores the rows whose parents are known, in one transaction, and announces the threads it changed. */
  writeBatch(run: RunState, rows: readonly ImportRow[], eager?: readonly ThreadTarget[]): Promise<BatchResult>;
  /** Takes back everything a failed run wrote: its comments, the threads it created, the counts. */
  discardRun(run: RunState): Promise<void>;
}

/** Everything, read in keyset pages so an export of any size streams in bounded memory. */
export interface ExportRepo {
  sites(): Promise<Site[]>;
  /** Threads after `afterId`: of every site, or of one site those with comments. */
  threads(afterId: number, limit: number, siteId?: string): Promise<Thread[]>;
  /** Comments after `afterId`, of every thread or of one. */
  comments(afterId: number, limit: number, threadId?: number): Promise<ExportComment[]>;
  likes(commentIds: readonly number[]): Promise<Map<number, Like[]>>;
}
