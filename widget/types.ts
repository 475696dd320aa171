/** The shapes the server answers with (SPEC §5) and the options a mounted thread takes. */
export type Sort = 'oldest' | 'newest' | 'top';
export type Theme = 'light' | 'dark' | 'auto';

export interface Author {
  name: string;
  url: string;
  avatar: string;
  provider?: string;
  isModerator: boolean;
}

export interface Comment {
  id: number;
  parent: number | null;
  page: string;
  depth: number;
  author: Author;
  html: string;
  createdAt: string;
  editedAt: string | null;
  likes: number;
  status: 'approved' | 'pending' | 'spam' | 'deleted';
  mine: boolean;
  /** The Markdown source, sent only to the comment's author. */
  text?: string;
}

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
  /** `data-lang`: the locale asked for. Only English is bundled so far; other locales are to load on demand. */
  lang?: string;
}
