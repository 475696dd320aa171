/** The storage interface (server/db/types.ts), part: Comments and threads: what a thread read and a post ask of the store. */
import type { Comment, CommentKind, CommentStatus, ListedComment, Thread } from '../domain.ts';

export type Sort = 'oldest' | 'newest' | 'top';
/** Keyset position: the sort value and id of the last comment seen (a root in a page, a reply in a branch). */
export type Cursor = readonly [number, number];

/**
 * The most comments, replies included, one read returns: one thread, however
 * large, answers bounded bodies (a root with 100,000 replies once made 31 MB).
 */
export const PAGE_COMMENTS = 200;

/** The most comments a thread has pinned at once: they come first in every sort. */
export const MAX_PINNED = 3;

export interface Viewer {
  /** Comment ids the caller proved to own (edit tokens checked). */
  ownedIds: readonly number[];
  accountId: number | null;
}

export const PUBLIC_VIEWER: Viewer = Object.freeze({ ownedIds: [], accountId: null });

export interface ThreadPage {
  thread: Thread | undefined;
  comments: ListedComment[];
  /** Where the next page of top-level comments starts; null on the last. */
  next: Cursor | null;
  /** Branches (by root id) that continue beyond this answer, and where their next replies start. */
  more: Map<number, Cursor>;
}

export interface NewComment {
  siteId: string;
  page: string;
  title: string;
  parentId: number | null;
  status: 'approved' | 'pending' | 'spam';
  kind?: CommentKind;
  text: string;
  html: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  avatarKey: string;
  accountId: number | null;
  /** Sign-in provider of the account ('' or absent for guests). */
  authorProvider?: string;
  isModerator: boolean;
  ip: string;
  userAgent: string;
  editTokenHash: string | null;
  notify: boolean;
  createdAt: number;
  maxDepth: number;
  /** Why the rules held it or marked it spam; '' or absent when published. */
  reason?: string;
  /** When the page was published, if the page says; kept on the thread the first time it is given. */
  publishedAt?: number | null;
  /** The moderator replying from the admin view, for the audit log. */
  moderator?: { id: number; email: string } | null;
  /** The blog's origin the comment was posted from, for links in mails (server/mail/page-origin.ts); '' or absent when unknown. */
  origin?: string;
  /** The language of the page commented on (a widget locale code): a subscription's mails are written in it. */
  lang?: string;
}

export interface CommentsRepo {
  findThread(siteId: string, page: string): Promise<Thread | undefined>;
  /**
   * A page of top-level comments with their replies, PAGE_COMMENTS at most: a page ends before a root whose
   * branch no longer fits, and the first root of a page brings as many replies as fit, with a cursor for the rest.
   */
  listThread(q: { siteId: string; page: string; sort: Sort; after: Cursor | null; limit: number; viewer: Viewer }): Promise<ThreadPage>;
  /** The replies of top-level comment `root` after `after` ("Show more replies"), PAGE_COMMENTS at most. */
  listBranch(q: { siteId: string; page: string; root: number; after: Cursor | null; viewer: Viewer }): Promise<ThreadPage>;
  /** Comment `comment` with the comments above it, for a permalink into a branch not loaded yet. */
  listChain(q: { siteId: string; page: string; comment: number; viewer: Viewer }): Promise<ThreadPage>;
  findComment(id: number): Promise<{ comment: Comment; thread: Thread } | undefined>;
  /** Of the given (id, token hash) pairs, the ids whose stored hash matches. */
  provenOwner(claims: ReadonlyArray<{ id: number; hash: string }>): Promise<number[]>;
  postComment(input: NewComment): Promise<{ comment: Comment; thread: Thread }>;
  /** Publishes an author's edit (and forgets any edit of theirs still held). */
  editComment(id: number, edit: { text: string; html: string; editedAt: number }): Promise<Comment>;
  /** Keeps an edit the rules held, for a moderator to decide; the comment's public text stays as it was. */
  holdEdit(id: number, edit: { text: string; html: string; reason: string; at: number }): Promise<void>;
  /** Deletes by its author: gone, or a placeholder when it has replies. */
  deleteComment(id: number): Promise<{ placeholder: boolean }>;
  setLike(id: number, voter: string, on: boolean, now: number): Promise<number>;
  countPages(siteId: string, pages: readonly string[]): Promise<Map<string, number>>;
  emailForAvatar(key: string): Promise<string | undefined>;
  statusOf(id: number): Promise<CommentStatus | undefined>;
}
