import type { CommentKind, CommentStatus } from '../db/rows.ts';
import type { ReaderOptions, SourceComment, SourceRecord, SourceThread } from './records.ts';
import { child, childText, readXml, type XmlNode } from './xml-reader.ts';
import { body, email, line, plainText, numericId, pageFromLink, website, wordpressDate, anyDate } from './normalize.ts';

/**
 * WordPress WXR 1.0–1.2 (`Tools → Export`): every `<item>` whose comments
 * are imported becomes a thread keyed by its link's path, and each
 * `<wp:comment>` a comment. Streams: one `<item>` is in memory at a time.
 */
const NAMESPACES: ReadonlyArray<[RegExp, string]> = [
  [/^https?:\/\/wordpress\.org\/export\/1\.\d+\/$/, 'wp'],
  [/^https?:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/$/, 'excerpt'],
  [/^http:\/\/purl\.org\/rss\/1\.0\/modules\/content\/$/, 'content'],
  [/^http:\/\/purl\.org\/dc\/elements\/1\.1\/$/, 'dc'],
];

const STATUSES: Record<string, CommentStatus> = {
  '1': 'approved', approve: 'approved', approved: 'approved',
  '0': 'pending', hold: 'pending', '': 'approved',
  spam: 'spam', trash: 'trash', 'post-trashed': 'trash',
};
const KINDS: Record<string, CommentKind> = { '': 'comment', comment: 'comment', pingback: 'pingback', trackback: 'trackback' };
/** Bodies longer than this are not comments but accidents; they are skipped and reported. */
export const MAX_BODY = 1_000_000;
/** Written by Parley's own WordPress export for states WordPress lacks (`deleted`). */
export const STATUS_META = 'parley_status';

export function* readWordPress(path: string, options: ReaderOptions = {}): Generator<SourceRecord> {
  const items = readXml(path, {
    root: 'rss',
    prefix: (uri) => NAMESPACES.find(([pattern]) => pattern.test(uri))?.[1],
    capture: (names) => names.length === 3 && names[1] === 'channel' && names[2] === 'item',
    ignoreText: new Set(['content:encoded', 'excerpt:encoded', 'description']),
    onProgress: options.onProgress,
  });
  for (const item of items) yield* itemRecords(item);
}

function itemRecords(item: XmlNode): SourceRecord[] {
  const comments = item.children.filter((node) => node.name === 'wp:comment');
  const postId = childText(item, 'wp:post_id');
  const closed = childText(item, 'wp:comment_status') === 'closed';
  const postType = childText(item, 'wp:post_type') || 'post';
  const published = (childText(item, 'wp:status') || 'publish') === 'publish';
  const keep = closed && published && (postType === 'post' || postType === 'page');
  if (comments.length === 0 && !keep) return [];
  const page = pageFromLink(childText(item, 'link')) ?? (numericId(postId) ? `/?p=${numericId(postId)}` : null);
  const thread: SourceThread = {
    type: 'thread',
    // Items are told apart by position: exports do repeat a post id (the theme unit test data does).
    ref: `item:${item.line}`,
    page: page ?? '',
    unusable: page === null ? 'the post has neither a link nor an id' : null,
    title: plainText(childText(item, 'title'), 300),
    locked: closed,
    createdAt: wordpressDate(childText(item, 'wp:post_date_gmt')) ?? anyDate(childText(item, 'pubDate')),
    keep,
    preferredId: null,
    site: null,
    line: item.line,
  };
  return [thread, ...comments.map((node) => commentRecord(node, thread, postId || page || thread.ref))];
}

function commentRecord(node: XmlNode, thread: SourceThread, scope: string): SourceRecord {
  const id = childText(node, 'wp:comment_id');
  const approved = childText(node, 'wp:comment_approved');
  const type = childText(node, 'wp:comment_type');
  const skip = (reason: string): SourceRecord => ({ type: 'skip', reason, line: node.line });
  if (!id) return skip('the comment has no <wp:comment_id>');
  if (!(type in KINDS)) return skip(`comment type "${line(type, 40)}" is not a public comment`);
  const text = body(childText(node, 'wp:comment_content'));
  if (text.length > MAX_BODY) return skip(`the comment is longer than ${MAX_BODY.toLocaleString('en')} characters`);
  const parent = childText(node, 'wp:comment_parent');
  const userId = childText(node, 'wp:comment_user_id');
  const record: SourceComment = {
    type: 'comment',
    key: `${scope}:${id}`,
    source: 'wordpress',
    ref: `${scope}:${id}`,
    threadRef: thread.ref,
    parentRef: parent && parent !== '0' ? `${scope}:${parent}` : null,
    preferredId: numericId(id),
    status: metaValue(node, STATUS_META) === 'deleted' ? 'deleted' : (STATUSES[approved.toLowerCase()] ?? 'pending'),
    kind: KINDS[type]!,
    text,
    format: 'html',
    render: { via: 'wordpress', input: text },
    author: {
      name: plainText(childText(node, 'wp:comment_author'), 245),
      email: email(childText(node, 'wp:comment_author_email')),
      url: website(childText(node, 'wp:comment_author_url')),
      ip: line(childText(node, 'wp:comment_author_IP'), 100),
      userAgent: line(childText(node, 'wp:comment_agent'), 300),
      registered: numericId(userId) !== null,
      user: numericId(userId) === null ? '' : userId,
      isModerator: false,
    },
    createdAt: wordpressDate(childText(node, 'wp:comment_date_gmt')) ?? wordpressDate(childText(node, 'wp:comment_date')) ?? thread.createdAt,
    editedAt: null,
    likes: [],
    notify: false,
    line: node.line,
  };
  return record;
}

function metaValue(comment: XmlNode, key: string): string | undefined {
  const meta = comment.children.find((node) => node.name === 'wp:commentmeta' && childText(node, 'wp:meta_key') === key);
  return meta && (child(meta, 'wp:meta_value')?.text.trim() ?? '');
}
