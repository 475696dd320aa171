import type { ListedComment } from '../db/types.ts';

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
    /** A guest whose name a member of the site holds (server/lib/name-key.ts): shown with a "Guest" mark. */
    guest?: true;
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
  /** A moderator pinned it: it comes first in the thread, in every sort (present only when true). */
  pinned?: true;
}

export function commentJson(row: ListedComment, page: string, avatarBase: string, mine = false, guest = false): CommentJson {
  // Trash and spam are only ever shown as placeholders (when replies hang from them).
  const deleted = row.status === 'deleted' || row.status === 'trash' || (row.status === 'spam' && !mine);
  return {
    id: row.id,
    parent: row.parentId,
    page,
    depth: row.depth,
    author: {
      name: deleted ? '' : row.authorName,
      url: deleted ? '' : row.authorUrl,
      avatar: deleted ? '' : `${avatarBase}/avatar/${row.avatarKey}`,
      ...(row.authorProvider && !deleted ? { provider: row.authorProvider } : {}),
      isModerator: row.isModerator,
      ...(guest && !deleted ? { guest: true as const } : {}),
    },
    html: deleted ? '' : row.html,
    createdAt: new Date(row.createdAt).toISOString(),
    editedAt: row.editedAt === null ? null : new Date(row.editedAt).toISOString(),
    likes: row.likes,
    status: row.status === 'trash' || (row.status === 'spam' && !mine) ? 'deleted' : row.status,
    mine,
    ...(mine && !deleted && row.text !== undefined ? { text: row.text } : {}),
    ...(row.kind && row.kind !== 'comment' ? { kind: row.kind } : {}),
    ...(row.replyToName && !deleted ? { replyTo: row.replyToName } : {}),
    ...(row.pinnedAt != null && row.status === 'approved' ? { pinned: true as const } : {}),
  };
}
