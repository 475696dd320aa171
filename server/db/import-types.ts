import type { CommentKind, CommentStatus } from './rows.ts';
import type { ThreadMetaSource } from './domain.ts';

/** The shapes an import run passes to its repository (import-repo.ts). */

/** Where a comment goes: its thread, created on first use. */
export interface ThreadTarget {
  site: string;
  page: string;
  title: string;
  locked: boolean;
  createdAt: number;
  publishedAt: number | null;
  metaSource: ThreadMetaSource;
  preferredId: number | null;
}

/** What an import may change on a thread that exists already, as it was (put back if the run fails). */
export interface ThreadBefore {
  title: string;
  locked: number;
  published_at: number | null;
  meta_source: ThreadMetaSource;
}

/** One comment ready to store: body rendered, avatar key made, parent given by the file's reference. */
export interface ImportRow {
  thread: ThreadTarget;
  source: string;
  /** The blog or forum `key` is unique in. */
  origin: string;
  key: string;
  ref: string;
  parentRef: string | null;
  preferredId: number | null;
  status: CommentStatus;
  kind: CommentKind;
  text: string;
  html: string;
  format: 'markdown' | 'html';
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  avatarKey: string;
  isModerator: boolean;
  authorProvider: string;
  ip: string;
  userAgent: string;
  registered: boolean;
  sourceUser: string;
  notify: boolean;
  likes: ReadonlyArray<{ voter: string; createdAt: number }>;
  createdAt: number;
  editedAt: number | null;
  /** Kept when the comment lands at the top level and its thread has room (MAX_PINNED approved pins). */
  pinnedAt: number | null;
}

/** What one import run has resolved so far: file references → comment ids (null: imported before, since deleted). */
export interface RunState {
  id: number;
  /** When the run started: the creation time of sites it creates. */
  now: number;
  maxDepth: number;
  refs: Map<string, number | null>;
  /** Where this run put each comment, so a reply finds its parent without a query. */
  placed: Map<number, ParentRow>;
  threads: Map<string, number>;
  /** Threads this run created (removed again if the run fails). */
  createdThreads: Set<number>;
  /** Existing threads this run retitled or locked, as they were (restored if the run fails). */
  changedThreads: Map<number, ThreadBefore>;
  /** Sites this run created. */
  createdSites: Set<string>;
  /** Keys stored before imports recorded their blog exist: every batch is then looked up (see knownKeys). */
  unsortedKeys: boolean;
}

export interface BatchResult {
  inserted: ImportRow[];
  /** Rows whose parent is not stored yet: they wait for it. */
  waiting: ImportRow[];
  /** Replies deeper than MAX_DEPTH, attached at the last level. */
  flattened: number;
  /** Rows whose key was stored meanwhile (the same source id twice in a file). */
  duplicates: number;
  /** Replies whose parent was deleted since an earlier import (or sits in another thread): stored at the top level. */
  detached: number;
}

export interface ParentRow {
  id: number;
  thread_id: number;
  depth: number;
  root_id: number;
  parent_id: number | null;
}
