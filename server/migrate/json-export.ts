import type { ExportComment as StoredComment, ExportRepo, Like, Thread } from '../db/types.ts';
import type { ExportComment, ExportSite, ExportThread } from './json-schema.ts';

/**
 * Everything in the database as Parley's JSON export, version 1 (the shape
 * `json-schema.ts` checks on the way back in): sites, threads, comments with
 * their real parents, authors (email and IP included: keep the file private),
 * dates (a page's publication, a pin), likes and the source each imported comment came from. Streams in
 * pages, one object a line, so any size exports in bounded memory.
 */
const PAGE = 1000;
const iso = (ms: number) => new Date(ms).toISOString();

export function threadJson(t: Thread): ExportThread {
  return {
    id: t.id,
    site: t.siteId,
    page: t.page,
    title: t.title,
    locked: t.locked,
    createdAt: iso(t.createdAt),
    publishedAt: t.publishedAt === null ? null : iso(t.publishedAt),
    titleFrom: t.metaSource,
  };
}

export function commentJson(c: StoredComment, likes: readonly Like[]): ExportComment {
  return {
    id: c.id,
    thread: c.threadId,
    parent: c.replyTo ?? c.parentId,
    status: c.status,
    kind: c.kind,
    format: c.format,
    text: c.text,
    html: c.html,
    author: {
      name: c.authorName,
      email: c.authorEmail,
      url: c.authorUrl,
      ip: c.ip,
      userAgent: c.userAgent,
      registered: c.registered,
      user: c.sourceUser,
      isModerator: c.isModerator,
      provider: c.authorProvider,
    },
    createdAt: iso(c.createdAt),
    editedAt: c.editedAt === null ? null : iso(c.editedAt),
    pinnedAt: c.pinnedAt === null ? null : iso(c.pinnedAt),
    likes: c.likes,
    likedBy: likes.map((like) => ({ voter: like.voter, at: iso(like.createdAt) })),
    notify: c.notify,
    // Keys a JSON import made for Parley's own comments ('parley') are bookkeeping, not a source.
    source: c.source && c.source !== 'parley' ? { name: c.source, id: c.sourceId!, origin: c.sourceOrigin ?? '' } : null,
  };
}

export async function* pages<T extends { id: number }>(read: (afterId: number) => Promise<T[]>): AsyncGenerator<T[]> {
  for (let after = 0; ; ) {
    const rows = await read(after);
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.id;
  }
}

export async function* jsonExport(repo: ExportRepo): AsyncGenerator<string> {
  yield '{"parley":"export","version":1,\n"sites":[';
  const sites = await repo.sites();
  yield sites
    .map(
      (site, i) =>
        `${i ? ',' : ''}\n${JSON.stringify({
          id: site.id,
          settings: JSON.parse(site.settings) as Record<string, unknown>,
          createdAt: iso(site.createdAt),
        } satisfies ExportSite)}`,
    )
    .join('');
  yield '\n],\n"threads":[';
  let first = true;
  for await (const rows of pages((after) => repo.threads(after, PAGE))) {
    yield rows.map((t, i) => `${first && i === 0 ? '' : ','}\n${JSON.stringify(threadJson(t))}`).join('');
    if (rows.length) first = false;
  }
  yield '\n],\n"comments":[';
  first = true;
  for await (const rows of pages((after) => repo.comments(after, PAGE))) {
    const likes = await repo.likes(rows.map((c) => c.id));
    yield rows.map((c, i) => `${first && i === 0 ? '' : ','}\n${JSON.stringify(commentJson(c, likes.get(c.id) ?? []))}`).join('');
    if (rows.length) first = false;
  }
  yield '\n]}\n';
}
