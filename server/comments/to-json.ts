import type { ListedComment } from '../db/comments-repo.ts';

/** The public shape of a comment (SPEC §5). Built from a row by this one mapping, so no private column leaks. */
export interface CommentJson {
  id: number;
  parent: number | null;
  page: string;
  depth: number;
  author: {
    name: string;
    url: string;
    /** A path on the Parley server (`/avatar/KEY`), or an absolute URL when PUBLIC_URL is set. */
    avatar: string;
    /** The sign-in provider of a signed-in author (`github`, …). */
    provider?: string;
    isModerator: boolean;
  };
  html: string;
  createdAt: string;
  editedAt: string | null;
  likes: number;
  status: 'approved' | 'pending' | 'spam' | 'deleted';
  mine: boolean;
  /** The Markdown source: only to the comment's own author, so they can edit it. */
  text?: string;
  /** Only for a pingback or trackback (no Like, Reply or Report on those). */
  kind?: 'pingback' | 'trackback';
  /** The name of the author replied to, when this reply sits at MAX_DEPTH beside that comment rather than under it. */
  replyTo?: string;
}

export function commentJson(row: ListedComment, page: string, avatarBase: string, mine = false): CommentJson {
  // Trash and spam are only ever shown as placeholders (when replies hang from them).
  const deleted = row.status === 'deleted' || row.status === 'trash' || (row.status === 'spam' && !mine);
  return {
    id: row.id,
    parent: row.parent_id,
    page,
    depth: row.depth,
    author: {
      name: deleted ? '' : row.author_name,
      url: deleted ? '' : row.author_url,
      avatar: deleted ? '' : `${avatarBase}/avatar/${row.avatar_key}`,
      ...(row.author_provider && !deleted ? { provider: row.author_provider } : {}),
      isModerator: row.is_moderator === 1,
    },
    html: deleted ? '' : row.html,
    createdAt: new Date(row.created_at).toISOString(),
    editedAt: row.edited_at === null ? null : new Date(row.edited_at).toISOString(),
    likes: row.likes,
    status: row.status === 'trash' || (row.status === 'spam' && !mine) ? 'deleted' : row.status,
    mine,
    ...(mine && !deleted && row.text !== undefined ? { text: row.text } : {}),
    ...(row.kind && row.kind !== 'comment' ? { kind: row.kind } : {}),
    ...(row.reply_to_name && !deleted ? { replyTo: row.reply_to_name } : {}),
  };
}
