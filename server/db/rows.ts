/** Row shapes as stored. Only `server/db/` reads these columns directly. */

export type CommentStatus = 'approved' | 'pending' | 'spam' | 'trash' | 'deleted';
export type CommentKind = 'comment' | 'pingback' | 'trackback';

export interface ThreadRow {
  id: number;
  site_id: string;
  page: string;
  title: string;
  locked: number;
  approved_count: number;
  created_at: number;
  /** When the page was published, if the page said (added by the moderation migration). */
  published_at?: number | null;
}

export interface CommentRow {
  id: number;
  thread_id: number;
  parent_id: number | null;
  root_id: number;
  depth: number;
  status: CommentStatus;
  kind: CommentKind;
  text: string;
  html: string;
  author_name: string;
  author_email: string;
  author_url: string;
  avatar_key: string;
  account_id: number | null;
  is_moderator: number;
  ip: string;
  user_agent: string;
  edit_token_hash: string | null;
  notify: number;
  likes: number;
  created_at: number;
  edited_at: number | null;
  /** The sign-in provider of the account that wrote it ('' for guests). */
  author_provider: string;
}
