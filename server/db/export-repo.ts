import type { Db } from './open.ts';
import type { ExportCommentRow, LikeRow, SiteRow, ThreadRow } from './rows.ts';
import type { ExportRepo, Like } from './types.ts';
import { toExportComment, toLike, toSite, toThread } from './map.ts';

/** Everything, read in keyset pages so an export of any size streams in bounded memory. */
export function createExportRepo(db: Db): ExportRepo {
  const s = {
    sites: db.prepare<[], SiteRow>('SELECT id, settings, created_at FROM sites ORDER BY id'),
    threads: db.prepare<[number, number], ThreadRow>('SELECT * FROM threads WHERE id > ? ORDER BY id LIMIT ?'),
    siteThreads: db.prepare<[string, number, number], ThreadRow>(`SELECT * FROM threads t
      WHERE site_id = ? AND id > ? AND EXISTS (SELECT 1 FROM comments WHERE thread_id = t.id) ORDER BY id LIMIT ?`),
    comments: db.prepare<[number, number], ExportCommentRow>(`SELECT c.*, k.source, k.source_id, k.origin AS source_origin FROM comments c
      LEFT JOIN import_keys k ON k.comment_id = c.id WHERE c.id > ? ORDER BY c.id LIMIT ?`),
    threadComments: db.prepare<[number, number, number], ExportCommentRow>(`SELECT c.*, k.source, k.source_id, k.origin AS source_origin FROM comments c
      LEFT JOIN import_keys k ON k.comment_id = c.id WHERE c.thread_id = ? AND c.id > ? ORDER BY c.id LIMIT ?`),
    likes: db.prepare<[string], LikeRow>(`SELECT comment_id, voter, created_at FROM likes
      WHERE comment_id IN (SELECT value FROM json_each(?)) ORDER BY comment_id, created_at, voter`),
  };

  return {
    async sites() {
      return s.sites.all().map(toSite);
    },

    /** Threads after `afterId`: of every site, or of one site those with comments. */
    async threads(afterId, limit, siteId) {
      return (siteId === undefined ? s.threads.all(afterId, limit) : s.siteThreads.all(siteId, afterId, limit)).map(toThread);
    },

    /** Comments after `afterId`, of every thread or of one. */
    async comments(afterId, limit, threadId) {
      return (threadId === undefined ? s.comments.all(afterId, limit) : s.threadComments.all(threadId, afterId, limit)).map(toExportComment);
    },

    async likes(commentIds) {
      return likesByComment(s.likes.all(JSON.stringify(commentIds)));
    },
  };
}

/** Likes grouped by their comment, in the order read. */
export function likesByComment(rows: readonly LikeRow[]): Map<number, Like[]> {
  const byComment = new Map<number, Like[]>();
  for (const like of rows.map(toLike)) byComment.set(like.commentId, [...(byComment.get(like.commentId) ?? []), like]);
  return byComment;
}
