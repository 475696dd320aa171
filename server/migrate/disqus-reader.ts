import type { CommentStatus } from '../db/types.ts';
import type { ReaderOptions, SourceRecord } from './records.ts';
import { child, childText, readXml, type XmlNode } from './xml-reader.ts';
import { anyDate, body, email, flag, line, numericId, pageFromLink, plainText, sourceOrigin } from './normalize.ts';
import { MAX_BODY } from './wxr-reader.ts';

/**
 * Disqus XML exports: `<thread>` elements (keyed by their link's path) and
 * `<post>` elements pointing at a thread and maybe a parent post, all
 * directly under `<disqus>`. Streams: one element is in memory at a time.
 */
const NAMESPACES: ReadonlyArray<[string, string]> = [
  ['http://disqus.com', ''],
  ['http://disqus.com/disqus-internals', 'dsq'],
];

export function* readDisqus(path: string, options: ReaderOptions = {}): Generator<SourceRecord> {
  const nodes = readXml(path, {
    root: 'disqus',
    prefix: (uri) => NAMESPACES.find(([known]) => known === uri.replace(/\/$/, ''))?.[1],
    capture: (names) => names.length === 2 && (names[1] === 'category' || names[1] === 'thread' || names[1] === 'post'),
    onProgress: options.onProgress,
  });
  // One export is one forum: its name (on categories and threads, which come before the posts) keys the post ids.
  let forum = '';
  for (const node of nodes) {
    forum ||= sourceOrigin(childText(node, 'forum'));
    if (node.name === 'category') continue;
    yield node.name === 'thread' ? threadRecord(node) : postRecord(node, forum);
  }
}

function threadRecord(node: XmlNode): SourceRecord {
  const link = childText(node, 'link');
  const page = pageFromLink(link);
  const deleted = flag(childText(node, 'isDeleted'));
  return {
    type: 'thread',
    ref: node.attrs['dsq:id'] ?? `line:${node.line}`,
    page: page ?? '',
    unusable:
      page === null
        ? link.trim()
          ? "its thread's link is not a web address on the blog"
          : 'its thread has no link'
        : deleted
          ? 'its thread was deleted in Disqus'
          : null,
    title: plainText(childText(node, 'title'), 300),
    locked: flag(childText(node, 'isClosed')),
    createdAt: anyDate(childText(node, 'createdAt')),
    publishedAt: null,
    metaSource: 'poster',
    keep: false,
    preferredId: null,
    site: null,
    line: node.line,
  };
}

function postRecord(node: XmlNode, forum: string): SourceRecord {
  const id = node.attrs['dsq:id'];
  const threadRef = child(node, 'thread')?.attrs['dsq:id'];
  const skip = (reason: string): SourceRecord => ({ type: 'skip', reason, line: node.line });
  if (!id) return skip('the post has no dsq:id');
  if (!threadRef) return skip('the post names no thread');
  const text = body(childText(node, 'message'));
  if (text.length > MAX_BODY) return skip(`the post is longer than ${MAX_BODY.toLocaleString('en')} characters`);
  const author = child(node, 'author');
  const field = (name: string) => (author ? childText(author, name) : '');
  const username = line(field('username'), 100);
  const status: CommentStatus = flag(childText(node, 'isDeleted')) ? 'deleted' : flag(childText(node, 'isSpam')) ? 'spam' : 'approved';
  return {
    type: 'comment',
    key: id,
    source: 'disqus',
    origin: forum,
    ref: id,
    threadRef,
    parentRef: child(node, 'parent')?.attrs['dsq:id'] ?? null,
    preferredId: numericId(id),
    status,
    kind: 'comment',
    text,
    format: 'html',
    render: { via: 'html', input: text },
    author: {
      name: plainText(field('name'), 245) || username,
      email: email(field('email')),
      url: '',
      ip: line(childText(node, 'ipAddress'), 100),
      userAgent: '',
      registered: field('isAnonymous').toLowerCase() === 'false',
      user: username,
      isModerator: false,
      provider: '',
    },
    createdAt: anyDate(childText(node, 'createdAt')),
    editedAt: null,
    pinnedAt: null,
    likes: [],
    notify: false,
    line: node.line,
  };
}
