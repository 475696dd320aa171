/** The shapes the server answers with (SPEC §5) and the options a mounted thread takes. */
import type { CommentJson } from '../server/comments/to-json.ts';
export type Sort = 'oldest' | 'newest' | 'top';
export type Theme = 'light' | 'dark' | 'auto';

/** A comment as the API gives it: the server's own type, so widget and server cannot drift apart (type-only, nothing is bundled). */
export type Comment = CommentJson;
export type Author = CommentJson['author'];

export interface Config {
  requireNameEmail: boolean;
  editWindowMinutes: number;
  maxDepth: number;
  maxTextLength: number;
  notify: boolean;
  providers: Provider[];
  requireSignIn: boolean;
}

/** A sign-in provider offered by the server (`/api/config`). */
export interface Provider {
  id: string;
  name: string;
}

/** The signed-in reader (`/api/me`). */
export interface Account {
  name: string;
  url: string;
  avatar: string;
  provider: string;
  providerName: string;
  /** Linked to a moderator: the widget loads its moderation controls (moderate.js). */
  moderator?: true;
}

export interface ThreadInfo {
  page: string;
  title: string;
  count: number;
  locked: boolean;
}

export interface ThreadPage {
  thread: ThreadInfo;
  comments: Comment[];
  next: string | null;
  /** Branches (by the id of their top-level comment) that go on beyond this answer: the `after` for the rest. */
  more: Record<string, string>;
  /** What `/api/config` answers, so that the first draw takes one request. */
  config: Config;
}

export interface NewComment {
  page: string;
  title: string;
  site?: string;
  parent?: number;
  text: string;
  author: { name: string; email: string; url: string };
  notify?: boolean;
  /** The honeypot field's value (people leave it empty) and the milliseconds since the form appeared. */
  hp: string;
  elapsed: number;
  /** When the page was published (`data-published` or `article:published_time`), for closing old threads. */
  published?: string;
  /** The thread's language (a locale code): mails to this commenter are written in it. */
  lang?: string;
}

/** What every failed request rejects with: the server's error, or `network` when it could not be reached. */
export interface ApiError {
  code: string;
  message?: string;
  field?: string;
  /** Seconds from the `Retry-After` header of a 429. */
  retry?: string | null;
}

export interface ThreadOptions {
  /** The server's base URL, ending in `/` (it may carry a path prefix). */
  base: string;
  page: string;
  title: string;
  site?: string;
  theme?: Theme;
  sort?: Sort;
  /** When the page was published, as the page says. */
  published?: string;
  /** The language asked for (`data-lang`, else the host page's `<html lang>`): English is built in, the others load on demand. */
  lang?: string;
  /** The level of the thread's heading (`data-heading-level`, 2 by default); the form's is one below. */
  headingLevel?: number;
  /** The host page's own direction (`<html dir>`), when no `data-lang` chose the language: it wins over the language's. */
  dir?: 'ltr' | 'rtl';
  /** The target already holds the thread drawn by the server (GET /thread.html): it stays in view until the first page is drawn. */
  pre?: boolean;
}
