import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Writes a WordPress WXR 1.2 export with `posts` posts sharing `comments`
 * comments, for the import benchmark and the larger tests. Deterministic: the
 * same options give the same file. Each post holds one deep reply chain (12
 * levels, past MAX_DEPTH and WordPress's own 10), the rest are top-level
 * comments or replies to an earlier comment; statuses and kinds are mixed.
 */
export interface WxrOptions {
  posts: number;
  comments: number;
  /** Depth of the reply chain in every post. */
  chain?: number;
}

export interface WxrFigures {
  comments: number;
  byStatus: Record<'approved' | 'pending' | 'spam' | 'trash', number>;
  pingbacks: number;
  bytes: number;
}

const STATUS: ReadonlyArray<[string, keyof WxrFigures['byStatus'], number]> = [
  ['1', 'approved', 0.85],
  ['0', 'pending', 0.08],
  ['spam', 'spam', 0.05],
  ['trash', 'trash', 0.02],
];

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const gmt = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

function body(n: number, rnd: () => number): string {
  const words = ['comment', 'reply', 'thought', 'blog', 'post', 'reader', 'idea', 'point', 'agree', 'story'];
  const sentence = () => Array.from({ length: 8 + Math.floor(rnd() * 10) }, (_, i) => words[(n + i * 7) % words.length]).join(' ');
  return `Comment ${n}: ${sentence()} with <strong>bold</strong> & <a href="https://example.org/${n}">a link</a>.\n\n${sentence()}\n${sentence()}.`;
}

function commentXml(c: { id: number; parent: number; status: string; type: string; date: number }, rnd: () => number): string {
  return `\t\t<wp:comment>
\t\t\t<wp:comment_id>${c.id}</wp:comment_id>
\t\t\t<wp:comment_author>${cdata(`Reader ${c.id % 997}`)}</wp:comment_author>
\t\t\t<wp:comment_author_email>${cdata(`reader${c.id % 997}@example.org`)}</wp:comment_author_email>
\t\t\t<wp:comment_author_url>https://reader${c.id % 997}.example.org/</wp:comment_author_url>
\t\t\t<wp:comment_author_IP>${cdata(`192.0.2.${c.id % 250}`)}</wp:comment_author_IP>
\t\t\t<wp:comment_date>${cdata(gmt(c.date))}</wp:comment_date>
\t\t\t<wp:comment_date_gmt>${cdata(gmt(c.date))}</wp:comment_date_gmt>
\t\t\t<wp:comment_content>${cdata(body(c.id, rnd))}</wp:comment_content>
\t\t\t<wp:comment_approved>${cdata(c.status)}</wp:comment_approved>
\t\t\t<wp:comment_type>${cdata(c.type)}</wp:comment_type>
\t\t\t<wp:comment_parent>${c.parent}</wp:comment_parent>
\t\t\t<wp:comment_user_id>${c.id % 50 === 0 ? 1 : 0}</wp:comment_user_id>
\t\t</wp:comment>\n`;
}

export function writeWxr(path: string, options: WxrOptions): WxrFigures {
  const rnd = random(42);
  const chain = options.chain ?? 12;
  const figures: WxrFigures = { comments: 0, byStatus: { approved: 0, pending: 0, spam: 0, trash: 0 }, pingbacks: 0, bytes: 0 };
  const fd = openSync(path, 'w');
  const write = (text: string) => {
    figures.bytes += writeSync(fd, text);
  };
  write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
\t<title>Generated blog</title>
\t<link>https://blog.example.org</link>
\t<wp:wxr_version>1.2</wp:wxr_version>\n`);
  let nextId = 1;
  const start = Date.parse('2015-01-01T00:00:00Z');
  for (let post = 1; post <= options.posts; post++) {
    const count = Math.floor(options.comments / options.posts) + (post <= options.comments % options.posts ? 1 : 0);
    const postDate = start + post * 86_400_000;
    write(`\t<item>
\t\t<title>${cdata(`Post number ${post}`)}</title>
\t\t<link>https://blog.example.org/${2015 + Math.floor(post / 365)}/post-${post}/</link>
\t\t<wp:post_id>${post}</wp:post_id>
\t\t<wp:post_date_gmt>${cdata(gmt(postDate))}</wp:post_date_gmt>
\t\t<wp:comment_status>${cdata(post % 10 === 0 ? 'closed' : 'open')}</wp:comment_status>
\t\t<wp:post_type>${cdata('post')}</wp:post_type>\n`);
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const id = nextId++;
      const inChain = i > 0 && i < chain;
      const parent = inChain ? ids[i - 1]! : i >= chain && rnd() < 0.5 ? ids[Math.floor(rnd() * ids.length)]! : 0;
      const roll = rnd();
      let acc = 0;
      const [status, name] =
        STATUS.find(([, , share]) => {
          acc += share;
          return acc > roll;
        }) ?? STATUS[0]!;
      const type = !inChain && parent === 0 && rnd() < 0.01 ? 'pingback' : '';
      write(commentXml({ id, parent, status, type, date: postDate + i * 60_000 }, rnd));
      ids.push(id);
      figures.comments++;
      figures.byStatus[name]++;
      if (type) figures.pingbacks++;
    }
    write('\t</item>\n');
  }
  write('</channel>\n</rss>\n');
  closeSync(fd);
  return figures;
}
