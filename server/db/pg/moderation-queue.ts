import type { QueueRow } from '../rows.ts';
import type { ModerationQueue } from '../types.ts';
import { maybe, toQueueItem } from '../map.ts';
import { likePattern, WHERE } from '../moderation-queue.ts';
import type { PgDatabase } from './database.ts';

/** $4 the pattern, $5 the field. ILIKE: SQLite's LIKE ignores (ASCII) case too. */
const SEARCH = `($4::text IS NULL OR CASE $5::text
  WHEN 'text' THEN c.text ILIKE $4 ESCAPE '\\'
  WHEN 'author' THEN c.author_name ILIKE $4 ESCAPE '\\'
  WHEN 'email' THEN c.author_email ILIKE $4 ESCAPE '\\'
  WHEN 'ip' THEN c.ip ILIKE $4 ESCAPE '\\'
  WHEN 'page' THEN t.page ILIKE $4 ESCAPE '\\'
  ELSE (c.text ILIKE $4 ESCAPE '\\' OR c.author_name ILIKE $4 ESCAPE '\\' OR c.author_email ILIKE $4 ESCAPE '\\'
        OR c.ip ILIKE $4 ESCAPE '\\' OR t.page ILIKE $4 ESCAPE '\\') END)`;

const SELECT = `SELECT c.id, c.status, c.text, c.html, c.author_name, c.author_email, c.author_url, c.avatar_key, c.account_id,
    c.is_moderator, c.ip, c.user_agent, c.likes, c.created_at, c.edited_at, c.parent_id, c.pinned_at,
    t.site_id, t.page, t.title, t.locked,
    p.author_name AS parent_author, substr(p.text, 1, 240) AS parent_text,
    m.held_reason, e.text AS edit_text, e.html AS edit_html, e.reason AS edit_reason, e.created_at AS edit_at,
    (SELECT coalesce(json_agg(json_build_object('reason', r.reason, 'at', r.created_at) ORDER BY r.created_at), '[]'::json)
      FROM reports r WHERE r.comment_id = c.id AND r.resolved_at IS NULL) AS reports
  FROM comments c
  JOIN threads t ON t.id = c.thread_id
  LEFT JOIN comments p ON p.id = c.parent_id
  LEFT JOIN comment_moderation m ON m.comment_id = c.id
  LEFT JOIN pending_edits e ON e.comment_id = c.id`;

export function createPgModerationQueue(db: PgDatabase): ModerationQueue {
  const count = async (text: string, values: unknown[]) => (await db.one<{ n: number }>(text, values))!.n;
  const countStatus = (status: string, site: string | null) =>
    count(
      `SELECT count(*) AS n FROM comments c
    JOIN threads t ON t.id = c.thread_id WHERE c.status = $1 AND ($2::text IS NULL OR t.site_id = $2)`,
      [status, site],
    );
  return {
    async page(q) {
      return (
        await db.rows<QueueRow>(
          `${SELECT}
        WHERE ${WHERE[q.queue]} AND ($1::text IS NULL OR t.site_id = $1) AND ($2::bigint IS NULL OR c.id < $2) AND ${SEARCH}
        ORDER BY c.id DESC LIMIT $3`,
          [q.siteId, q.before, q.limit, likePattern(q.search), q.field],
        )
      ).map(toQueueItem);
    },
    async row(id) {
      return maybe(toQueueItem)(await db.one<QueueRow>(`${SELECT} WHERE c.id = $1`, [id]));
    },
    async heldInThread(siteId, page, limit) {
      const text = `${SELECT}
        WHERE c.thread_id = (SELECT id FROM threads WHERE site_id = $1 AND page = $2) AND c.status = 'pending' ORDER BY c.created_at, c.id LIMIT $3`;
      return (await db.rows<QueueRow>(text, [siteId, page, limit])).map(toQueueItem);
    },
    async counts(siteId) {
      return {
        pending:
          (await countStatus('pending', siteId)) +
          (await count(
            `SELECT count(*) AS n FROM pending_edits e
          JOIN comments c ON c.id = e.comment_id JOIN threads t ON t.id = c.thread_id
          WHERE c.status != 'pending' AND ($1::text IS NULL OR t.site_id = $1)`,
            [siteId],
          )),
        reported: await count(
          `SELECT count(DISTINCT r.comment_id) AS n FROM reports r
          JOIN comments c ON c.id = r.comment_id JOIN threads t ON t.id = c.thread_id
          WHERE r.resolved_at IS NULL AND c.status IN ('approved', 'pending') AND ($1::text IS NULL OR t.site_id = $1)`,
          [siteId],
        ),
        approved: await count('SELECT coalesce(sum(approved_count), 0) AS n FROM threads WHERE $1::text IS NULL OR site_id = $1', [siteId]),
        spam: await countStatus('spam', siteId),
        trash: await countStatus('trash', siteId),
      };
    },
  };
}
