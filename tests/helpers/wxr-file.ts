import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WxrComment {
  id: number;
  text: string;
  parent?: number;
  date?: string;
}

/** Writes a small WordPress export of one post (`/hello/`, post id 1) from `blog`, returning its path. */
export function writeBlogExport(dir: string, name: string, blog: string | null, comments: readonly WxrComment[], channelLink = blog): string {
  const channel = [
    channelLink === null ? '' : `<link>${channelLink}</link>`,
    blog === null ? '' : `<wp:base_site_url>${blog}</wp:base_site_url><wp:base_blog_url>${blog}</wp:base_blog_url>`,
  ].join('');
  const items = comments
    .map(
      (c) => `<wp:comment><wp:comment_id>${c.id}</wp:comment_id><wp:comment_author>Reader ${c.id}</wp:comment_author>
    <wp:comment_date_gmt>${c.date ?? '2020-01-01 10:00:00'}</wp:comment_date_gmt><wp:comment_content>${c.text}</wp:comment_content>
    <wp:comment_approved>1</wp:comment_approved><wp:comment_parent>${c.parent ?? 0}</wp:comment_parent></wp:comment>`,
    )
    .join('\n');
  const path = join(dir, name);
  writeFileSync(
    path,
    `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>A blog</title>${channel}
<item><title>Hello</title><link>${channelLink ?? 'https://blog.example'}/hello/</link><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>
<wp:status>publish</wp:status><wp:comment_status>open</wp:comment_status>
${items}
</item></channel></rss>`,
  );
  return path;
}
