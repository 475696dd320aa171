import type { ExportCommentRow, FeedRow, LikeRow, SiteRow, ThreadRow } from '../rows.ts';
import type { ExportRepo, FeedRepo } from '../types.ts';
import { toExportComment, toFeedEntry, toSite, toThread } from '../map.ts';
import { likesByComment } from '../export-repo.ts';
import type { PgDatabase } from './database.ts';

export function createPgFeedRepo(db: PgDatabase): FeedRepo {
  return {
    async latest(siteId, page, limit) {
      const rows =
        page === undefined
          ? await db.rows<FeedRow>(
              `SELECT c.*, t.page, t.title FROM comments c JOIN threads t ON t.id = c.thread_id
            WHERE t.site_id = $1 AND c.status = 'approved' ORDER BY c.created_at DESC, c.id DESC LIMIT $2`,
              [siteId, limit],
            )
          : await db.rows<FeedRow>(
              `SELECT c.*, t.page, t.title FROM comments c JOIN threads t ON t.id = c.thread_id
            WHERE t.site_id = $1 AND t.page = $2 AND c.status = 'approved' ORDER BY c.created_at DESC, c.id DESC LIMIT $3`,
              [siteId, page, limit],
            );
      return rows.map(toFeedEntry);
    },
  };
}

export function createPgExportRepo(db: PgDatabase): ExportRepo {
  const COMMENTS = 'SELECT c.*, k.source, k.source_id FROM comments c LEFT JOIN import_keys k ON k.comment_id = c.id';
  return {
    async sites() {
      return (await db.rows<SiteRow>('SELECT id, settings, created_at FROM sites ORDER BY id')).map(toSite);
    },
    async threads(afterId, limit, siteId) {
      const rows =
        siteId === undefined
          ? await db.rows<ThreadRow>('SELECT * FROM threads WHERE id > $1 ORDER BY id LIMIT $2', [afterId, limit])
          : await db.rows<ThreadRow>(
              `SELECT * FROM threads t WHERE site_id = $1 AND id > $2
            AND EXISTS (SELECT 1 FROM comments WHERE thread_id = t.id) ORDER BY id LIMIT $3`,
              [siteId, afterId, limit],
            );
      return rows.map(toThread);
    },
    async comments(afterId, limit, threadId) {
      const rows =
        threadId === undefined
          ? await db.rows<ExportCommentRow>(`${COMMENTS} WHERE c.id > $1 ORDER BY c.id LIMIT $2`, [afterId, limit])
          : await db.rows<ExportCommentRow>(`${COMMENTS} WHERE c.thread_id = $1 AND c.id > $2 ORDER BY c.id LIMIT $3`, [threadId, afterId, limit]);
      return rows.map(toExportComment);
    },
    async likes(commentIds) {
      // COLLATE "C": voters in byte order, as SQLite sorts them.
      return likesByComment(
        await db.rows<LikeRow>(
          `SELECT comment_id, voter, created_at FROM likes WHERE comment_id = ANY($1::bigint[])
        ORDER BY comment_id, created_at, voter COLLATE "C"`,
          [commentIds],
        ),
      );
    },
  };
}
