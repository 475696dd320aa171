import type { ExportComment, ExportRepo } from '../db/types.ts';
import type { CommentStatus, Thread } from '../db/types.ts';
import { escapeXml } from '../content/xml.ts';
import { pages } from './json-export.ts';
import { STATUS_META } from './wxr-reader.ts';

/**
 * One site's threads as a WordPress WXR 1.2 file that WordPress's own
 * importer (Tools → Import → WordPress) accepts: each thread is a post with
 * its comments. WordPress finds the existing post by title (the post date is
 * left empty on purpose); one it cannot find is created as a draft, never
 * published. Dates are written in GMT for both of WordPress's date fields.
 */
export interface WxrExportOptions {
  site: string;
  /** The blog's address; a thread's link is this plus its page. */
  baseUrl: string;
  now: number;
}

const APPROVED: Record<CommentStatus, string> = { approved: '1', pending: '0', spam: 'spam', trash: 'trash', deleted: 'trash' };
const PAGE = 1000;

/** Text as CDATA: characters XML cannot carry dropped, `]]>` split across two sections. */
export function cdata(value: string): string {
  const clean = value.replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '');
  return `<![CDATA[${clean.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

const wpDate = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const slug = (page: string) => page.split('?')[0]!.split('/').filter(Boolean).at(-1) ?? '';

function header(o: WxrExportOptions): string {
  const base = escapeXml(o.baseUrl);
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!-- Parley comments of site "${escapeXml(o.site)}", as a WordPress eXtended RSS (WXR) file for Tools → Import → WordPress. -->
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>${escapeXml(`Comments of ${o.site}`)}</title>
\t<link>${base}</link>
\t<description></description>
\t<pubDate>${new Date(o.now).toUTCString().replace('GMT', '+0000')}</pubDate>
\t<language>en</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${base}</wp:base_site_url>
\t<wp:base_blog_url>${base}</wp:base_blog_url>
\t<generator>Parley</generator>
`;
}

function itemStart(t: Thread, o: WxrExportOptions): string {
  const link = escapeXml(`${o.baseUrl}${t.page}`);
  return `\t<item>
\t\t<title>${cdata(t.title)}</title>
\t\t<link>${link}</link>
\t\t<pubDate>${new Date(t.createdAt).toUTCString().replace('GMT', '+0000')}</pubDate>
\t\t<dc:creator><![CDATA[]]></dc:creator>
\t\t<guid isPermaLink="false">${link}</guid>
\t\t<description></description>
\t\t<content:encoded><![CDATA[]]></content:encoded>
\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>
\t\t<wp:post_id>${t.id}</wp:post_id>
\t\t<wp:post_date><![CDATA[]]></wp:post_date>
\t\t<wp:post_date_gmt>${cdata(wpDate(t.createdAt))}</wp:post_date_gmt>
\t\t<wp:comment_status>${cdata(t.locked ? 'closed' : 'open')}</wp:comment_status>
\t\t<wp:ping_status><![CDATA[closed]]></wp:ping_status>
\t\t<wp:post_name>${cdata(slug(t.page))}</wp:post_name>
\t\t<wp:status><![CDATA[draft]]></wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type><![CDATA[post]]></wp:post_type>
\t\t<wp:post_password><![CDATA[]]></wp:post_password>
\t\t<wp:is_sticky>0</wp:is_sticky>
`;
}

function commentXml(c: ExportComment): string {
  const userId = /^\d+$/.test(c.sourceUser) ? c.sourceUser : c.registered ? '1' : '0';
  const meta =
    c.status === 'deleted'
      ? `\t\t\t<wp:commentmeta>\n\t\t\t\t<wp:meta_key>${cdata(STATUS_META)}</wp:meta_key>\n\t\t\t\t<wp:meta_value>${cdata('deleted')}</wp:meta_value>\n\t\t\t</wp:commentmeta>\n`
      : '';
  return `\t\t<wp:comment>
\t\t\t<wp:comment_id>${c.id}</wp:comment_id>
\t\t\t<wp:comment_author>${cdata(c.authorName)}</wp:comment_author>
\t\t\t<wp:comment_author_email>${cdata(c.authorEmail)}</wp:comment_author_email>
\t\t\t<wp:comment_author_url>${cdata(c.authorUrl)}</wp:comment_author_url>
\t\t\t<wp:comment_author_IP>${cdata(c.ip)}</wp:comment_author_IP>
\t\t\t<wp:comment_date>${cdata(wpDate(c.createdAt))}</wp:comment_date>
\t\t\t<wp:comment_date_gmt>${cdata(wpDate(c.createdAt))}</wp:comment_date_gmt>
\t\t\t<wp:comment_content>${cdata(c.format === 'html' ? c.text : c.html)}</wp:comment_content>
\t\t\t<wp:comment_approved>${cdata(APPROVED[c.status])}</wp:comment_approved>
\t\t\t<wp:comment_type>${cdata(c.kind === 'comment' ? 'comment' : c.kind)}</wp:comment_type>
\t\t\t<wp:comment_parent>${c.replyTo ?? c.parentId ?? 0}</wp:comment_parent>
\t\t\t<wp:comment_user_id>${userId}</wp:comment_user_id>
${meta}\t\t</wp:comment>
`;
}

export async function* wxrExport(repo: ExportRepo, options: WxrExportOptions): AsyncGenerator<string> {
  yield header(options);
  for await (const threads of pages((after) => repo.threads(after, PAGE, options.site))) {
    for (const thread of threads) {
      yield itemStart(thread, options);
      for await (const comments of pages((after) => repo.comments(after, PAGE, thread.id))) yield comments.map(commentXml).join('');
      yield '\t</item>\n';
    }
  }
  yield '</channel>\n</rss>\n';
}
