import type { ExportCommentRow, ExportRepo, LikeRow } from '../db/export-repo.ts';
import type { ThreadRow } from '../db/rows.ts';
import type { ExportComment, ExportSite, ExportThread } from './json-schema.ts';

/**
 * Everything in the database as Parley's JSON export, version 1 (the shape
 * `json-schema.ts` checks on the way back in): sites, threads, comments with
 * their real parents, authors (email and IP included: keep the file private),
 * dates, likes and the source each imported comment came from. Streams in
 * pages, one object a line, so any size exports in bounded memory.
 */
const PAGE = 1000;
const iso = (ms: number) => new Date(ms).toISOString();

export function threadJson(t: ThreadRow): ExportThread {
  return { id: t.id, site: t.site_id, page: t.page, title: t.title, locked: t.locked === 1, createdAt: iso(t.created_at) };
}

export function commentJson(c: ExportCommentRow, likes: readonly LikeRow[]): ExportComment {
  return {
    id: c.id,
    thread: c.thread_id,
    parent: c.reply_to ?? c.parent_id,
    status: c.status,
    kind: c.kind,
    format: c.format,
    text: c.text,
    html: c.html,
    author: {
      name: c.author_name, email: c.author_email, url: c.author_url, ip: c.ip, userAgent: c.user_agent,
      registered: c.registered === 1, user: c.source_user, isModerator: c.is_moderator === 1, provider: c.author_provider,
    },
    createdAt: iso(c.created_at),
    editedAt: c.edited_at === null ? null : iso(c.edited_at),
    likes: c.likes,
    likedBy: likes.map((like) => ({ voter: like.voter, at: iso(like.created_at) })),
    notify: c.notify === 1,
    // Keys a JSON import made for Parley's own comments ('parley') are bookkeeping, not a source.
    source: c.source && c.source !== 'parley' ? { name: c.source, id: c.source_id!, origin: c.source_origin ?? '' } : null,
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
  yield sites.map((site, i) => `${i ? ',' : ''}\n${JSON.stringify({
    id: site.id, settings: JSON.parse(site.settings) as Record<string, unknown>, createdAt: iso(site.created_at),
  } satisfies ExportSite)}`).join('');
  yield '\n],\n"threads":[';
  let first = true;
  for await (const rows of pages((after) => repo.threads(after, PAGE))) {
    yield rows.map((t) => `${first ? ((first = false), '') : ','}\n${JSON.stringify(threadJson(t))}`).join('');
  }
  yield '\n],\n"comments":[';
  first = true;
  for await (const rows of pages((after) => repo.comments(after, PAGE))) {
    const likes = await repo.likes(rows.map((c) => c.id));
    yield rows.map((c) => `${first ? ((first = false), '') : ','}\n${JSON.stringify(commentJson(c, likes.get(c.id) ?? []))}`).join('');
  }
  yield '\n]}\n';
}
