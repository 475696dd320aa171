import type { Db } from './open.ts';
import type { QueueRow } from './rows.ts';
import { QUEUES, type ModerationQueue, type Queue } from './types.ts';
import { maybe, toQueueItem } from './map.ts';

export const WHERE: Record<Queue, string> = {
  /** Held comments, and approved ones whose edit is held. */
  pending: "(c.status = 'pending' OR c.id IN (SELECT comment_id FROM pending_edits))",
  approved: "c.status = 'approved'",
  spam: "c.status = 'spam'",
  trash: "c.status = 'trash'",
  reported: "c.status IN ('approved', 'pending') AND c.id IN (SELECT comment_id FROM reports WHERE resolved_at IS NULL)",
};

const SEARCH = `(@like IS NULL OR CASE @field
  WHEN 'text' THEN c.text LIKE @like ESCAPE '\\'
  WHEN 'author' THEN c.author_name LIKE @like ESCAPE '\\'
  WHEN 'email' THEN c.author_email LIKE @like ESCAPE '\\'
  WHEN 'ip' THEN c.ip LIKE @like ESCAPE '\\'
  WHEN 'page' THEN t.page LIKE @like ESCAPE '\\'
  ELSE (c.text LIKE @like ESCAPE '\\' OR c.author_name LIKE @like ESCAPE '\\' OR c.author_email LIKE @like ESCAPE '\\'
        OR c.ip LIKE @like ESCAPE '\\' OR t.page LIKE @like ESCAPE '\\') END)`;

const SELECT = `SELECT c.id, c.status, c.text, c.html, c.author_name, c.author_email, c.author_url, c.avatar_key, c.account_id,
    c.is_moderator, c.ip, c.user_agent, c.likes, c.created_at, c.edited_at, c.parent_id, c.pinned_at,
    t.site_id, t.page, t.title, t.locked,
    p.author_name AS parent_author, substr(p.text, 1, 240) AS parent_text,
    m.held_reason, e.text AS edit_text, e.html AS edit_html, e.reason AS edit_reason, e.created_at AS edit_at,
    (SELECT json_group_array(json_object('reason', r.reason, 'at', r.created_at)) FROM
      (SELECT reason, created_at FROM reports WHERE comment_id = c.id AND resolved_at IS NULL ORDER BY created_at) r) AS reports
  FROM comments c
  JOIN threads t ON t.id = c.thread_id
  LEFT JOIN comments p ON p.id = c.parent_id
  LEFT JOIN comment_moderation m ON m.comment_id = c.id
  LEFT JOIN pending_edits e ON e.comment_id = c.id`;

/** The moderation queues: one page of a queue, newest first, and how many each holds. */
export function createModerationQueue(db: Db): ModerationQueue {
  const pages = Object.fromEntries(
    QUEUES.map((queue) => [
      queue,
      db.prepare<Record<string, unknown>, QueueRow>(`${SELECT}
        WHERE ${WHERE[queue]} AND (@site IS NULL OR t.site_id = @site) AND (@before IS NULL OR c.id < @before) AND ${SEARCH}
        ORDER BY c.id DESC LIMIT @limit`),
    ]),
  ) as Record<Queue, ReturnType<typeof db.prepare<Record<string, unknown>, QueueRow>>>;
  const one = db.prepare<[number], QueueRow>(`${SELECT} WHERE c.id = ?`);
  const held = db.prepare<[string, string, number], QueueRow>(`${SELECT}
    WHERE c.thread_id = (SELECT id FROM threads WHERE site_id = ? AND page = ?) AND c.status = 'pending' ORDER BY c.created_at, c.id LIMIT ?`);
  const countStatus = db.prepare<Record<string, unknown>, { n: number }>(`SELECT count(*) AS n FROM comments c
    JOIN threads t ON t.id = c.thread_id WHERE c.status = @status AND (@site IS NULL OR t.site_id = @site)`);
  const countEdits = db.prepare<Record<string, unknown>, { n: number }>(`SELECT count(*) AS n FROM pending_edits e
    JOIN comments c ON c.id = e.comment_id JOIN threads t ON t.id = c.thread_id WHERE c.status != 'pending' AND (@site IS NULL OR t.site_id = @site)`);
  const countApproved = db.prepare<Record<string, unknown>, { n: number }>(
    'SELECT coalesce(sum(approved_count), 0) AS n FROM threads WHERE @site IS NULL OR site_id = @site',
  );
  const countReported = db.prepare<Record<string, unknown>, { n: number }>(`SELECT count(DISTINCT r.comment_id) AS n FROM reports r
    JOIN comments c ON c.id = r.comment_id JOIN threads t ON t.id = c.thread_id
    WHERE r.resolved_at IS NULL AND c.status IN ('approved', 'pending') AND (@site IS NULL OR t.site_id = @site)`);

  return {
    async page(q) {
      return pages[q.queue].all({ site: q.siteId, before: q.before, like: likePattern(q.search), field: q.field, limit: q.limit }).map(toQueueItem);
    },

    async row(id) {
      return maybe(toQueueItem)(one.get(id));
    },

    async heldInThread(siteId, page, limit) {
      return held.all(siteId, page, limit).map(toQueueItem);
    },

    async counts(siteId) {
      const site = { site: siteId };
      return {
        pending: countStatus.get({ ...site, status: 'pending' })!.n + countEdits.get(site)!.n,
        reported: countReported.get(site)!.n,
        approved: countApproved.get(site)!.n,
        spam: countStatus.get({ ...site, status: 'spam' })!.n,
        trash: countStatus.get({ ...site, status: 'trash' })!.n,
      };
    },
  };
}

/** A search term as a LIKE pattern (with `\\` escaping `%`, `_` and itself); null when there is no term. */
export function likePattern(search: string): string | null {
  const term = search.trim();
  return term ? `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
}
