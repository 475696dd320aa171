import type { CommentKind, CommentStatus } from '../db/types.ts';
import type { ReaderOptions, SourceComment, SourceRecord, SourceThread } from './records.ts';
import { child, childText, childTexts, readXml, type XmlNode } from './xml-reader.ts';
import { body, email, line, plainText, numericId, pageFromLink, sourceOrigin, website, wordpressDate, anyDate } from './normalize.ts';

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
  '1': 'approved',
  approve: 'approved',
  approved: 'approved',
  '0': 'pending',
  hold: 'pending',
  '': 'approved',
  spam: 'spam',
  trash: 'trash',
  'post-trashed': 'trash',
};
const KINDS: Record<string, CommentKind> = { '': 'comment', comment: 'comment', pingback: 'pingback', trackback: 'trackback' };
/** Bodies longer than this are not comments but accidents; they are skipped and reported. */
export const MAX_BODY = 1_000_000;
/** Written by Parley's own WordPress export for states WordPress lacks (`deleted`). */
export const STATUS_META = 'parley_status';

/** The channel's fields that say which blog the file is from, best first (WordPress writes them before the items). */
const BLOG_FIELDS = ['wp:base_blog_url', 'wp:base_site_url', 'link'];

/** Comments of one post held back until the post's own fields are all read; a post with more streams on. */
const HELD_COMMENTS = 1000;

export function* readWordPress(path: string, options: ReaderOptions = {}): Generator<SourceRecord> {
  const nodes = readXml(path, {
    root: 'rss',
    prefix: (uri) => NAMESPACES.find(([pattern]) => pattern.test(uri))?.[1],
    capture: (names) => names.length === 3 && names[1] === 'channel' && (names[2] === 'item' || BLOG_FIELDS.includes(names[2]!)),
    stream: (names) => names.length === 4 && names[3] === 'wp:comment',
    ignoreText: new Set(['content:encoded', 'excerpt:encoded', 'description']),
    onProgress: options.onProgress,
  });
  let item: XmlNode | undefined;
  let held: XmlNode[] = [];
  let post: Post | null = null;
  const blog = new Map<string, string>();
  const origin = () => sourceOrigin(BLOG_FIELDS.map((name) => blog.get(name)).find(Boolean) ?? '');
  for (const node of nodes) {
    if (BLOG_FIELDS.includes(node.name) && !node.parent) {
      blog.set(node.name, node.text.trim());
      continue;
    }
    if (node.parent) {
      if (node.parent !== item) [item, held, post] = [node.parent, [], null];
      if (post) yield commentRecord(node, post);
      else if (held.push(node) >= HELD_COMMENTS) {
        // WordPress writes a post's fields before its comments: enough is known to go on streaming.
        post = postOf(item, true, origin())!;
        yield post.thread;
        yield* held.splice(0).map((comment) => commentRecord(comment, post!));
      }
      continue;
    }
    const comments = node === item ? held : [];
    const known = node === item ? post : null;
    const current = known ?? postOf(node, comments.length > 0, origin());
    if (current && !known) yield current.thread;
    if (current) yield* comments.map((comment) => commentRecord(comment, current));
    [item, held, post] = [undefined, [], null];
  }
}

/** A post's thread, the scope its comment ids are unique in, and the blog that scope is in. */
interface Post {
  thread: SourceThread;
  scope: string;
  origin: string;
}

/** The thread of an `<item>`: when it has comments, or is a closed post kept so it stays closed. */
function postOf(item: XmlNode, hasComments: boolean, origin: string): Post | null {
  const postId = childText(item, 'wp:post_id');
  const closed = childText(item, 'wp:comment_status') === 'closed';
  const postType = childText(item, 'wp:post_type') || 'post';
  const published = (childText(item, 'wp:status') || 'publish') === 'publish';
  const keep = closed && published && (postType === 'post' || postType === 'page');
  if (!hasComments && !keep) return null;
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
    publishedAt: null,
    metaSource: 'poster',
    keep,
    preferredId: null,
    site: null,
    line: item.line,
  };
  return { thread, scope: postId || page || thread.ref, origin };
}

function commentRecord(node: XmlNode, { thread, scope, origin }: Post): SourceRecord {
  const f = childTexts(node);
  const field = (name: string) => f[name] ?? '';
  const id = field('wp:comment_id');
  const approved = field('wp:comment_approved');
  const type = field('wp:comment_type');
  const skip = (reason: string): SourceRecord => ({ type: 'skip', reason, line: node.line });
  if (!id) return skip('the comment has no <wp:comment_id>');
  if (!(type in KINDS)) return skip(`comment type "${line(type, 40)}" is not a public comment`);
  const text = body(field('wp:comment_content'));
  if (text.length > MAX_BODY) return skip(`the comment is longer than ${MAX_BODY.toLocaleString('en')} characters`);
  const parent = field('wp:comment_parent');
  const userId = field('wp:comment_user_id');
  const record: SourceComment = {
    type: 'comment',
    key: `${scope}:${id}`,
    source: 'wordpress',
    origin,
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
      name: plainText(field('wp:comment_author'), 245),
      email: email(field('wp:comment_author_email')),
      url: website(field('wp:comment_author_url')),
      ip: line(field('wp:comment_author_IP'), 100),
      userAgent: line(field('wp:comment_agent'), 300),
      registered: numericId(userId) !== null,
      user: numericId(userId) === null ? '' : userId,
      isModerator: false,
      provider: '',
    },
    createdAt: wordpressDate(field('wp:comment_date_gmt')) ?? wordpressDate(field('wp:comment_date')) ?? thread.createdAt,
    editedAt: null,
    pinnedAt: null,
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
