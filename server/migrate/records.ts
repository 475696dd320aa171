import type { CommentKind, CommentStatus, ThreadMetaSource } from '../db/types.ts';

/**
 * What every reader (WordPress, Disqus, Parley JSON) yields: threads and
 * comments in one normalised shape, in file order. The importer never looks
 * at the source format.
 */

/** How a comment's stored HTML is made from what the file holds. */
export type Render =
  /** WordPress: auto-paragraphs (blank line, newline), then the allow-list. */
  | { via: 'wordpress'; input: string }
  /** HTML as it is (Disqus, or a Parley export's stored HTML), through the allow-list. */
  | { via: 'html'; input: string }
  /** Markdown typed into the widget, rendered as the server renders it. */
  | { via: 'markdown'; input: string };

export interface SourceThread {
  type: 'thread';
  /** The source's id for the thread; comments refer to it. */
  ref: string;
  /** The page key (`data-page`). */
  page: string;
  /** Why the thread's comments cannot be imported (no link, deleted at the source); null when they can. */
  unusable: string | null;
  title: string;
  locked: boolean;
  createdAt: number | null;
  /** When the page was published, when the file says apart from the thread's date (Parley exports). */
  publishedAt: number | null;
  /** Who the title and date came from (Parley exports; other sources: 'poster', confirmed from the blog page later). */
  metaSource: ThreadMetaSource;
  /** Create the thread even when no comment of the file lands in it (a closed post, a Parley export's thread). */
  keep: boolean;
  /** Id to keep when it is free (a Parley export's own id). */
  preferredId: number | null;
  /** Site the thread belongs to when the file says (Parley exports); otherwise the import's `--site`. */
  site: string | null;
  line: number;
}

export interface SourceAuthor {
  name: string;
  email: string;
  url: string;
  ip: string;
  userAgent: string;
  /** The source knew the author as a registered user. */
  registered: boolean;
  /** The source's user id or username, '' for a guest. */
  user: string;
  isModerator: boolean;
  /** The sign-in provider a Parley comment was posted through ('' for guests and other sources). */
  provider: string;
}

export interface SourceComment {
  type: 'comment';
  /** Idempotency key: the source's own id; (site, source, origin, key) is imported once. */
  key: string;
  /** The source a key belongs to ('wordpress', 'disqus', or what a Parley export says). */
  source: string;
  /** The blog or forum the key is unique in (see sourceOrigin); '' when the file does not say. */
  origin: string;
  /** How other comments of this file refer to it as their parent. */
  ref: string;
  threadRef: string;
  parentRef: string | null;
  /** The source's numeric id, kept as the Parley id when free, so `#comment-N` links keep working. */
  preferredId: number | null;
  status: CommentStatus;
  kind: CommentKind;
  /** The body exactly as the source holds it. */
  text: string;
  format: 'markdown' | 'html';
  render: Render;
  author: SourceAuthor;
  createdAt: number | null;
  editedAt: number | null;
  /** When a moderator pinned it (Parley exports); kept for a comment that lands at the top level. */
  pinnedAt: number | null;
  likes: ReadonlyArray<{ voter: string; createdAt: number }>;
  notify: boolean;
  line: number;
}

/** Something in the file that cannot become a comment, with the reason the summary gives. */
export interface SourceSkip {
  type: 'skip';
  reason: string;
  line: number;
}

/** A site named in a Parley export, with its settings (applied only when the site is new). */
export interface SourceSite {
  type: 'site';
  id: string;
  settings: Record<string, unknown>;
  createdAt: number | null;
}

export type SourceRecord = SourceThread | SourceComment | SourceSkip | SourceSite;

export interface ReaderOptions {
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export type Reader = (path: string, options: ReaderOptions) => Iterable<SourceRecord>;
