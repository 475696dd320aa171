import type { Db } from './open.ts';
import type { CommentRow, ThreadRow } from './rows.ts';

export interface SiteRow {
  id: string;
  settings: string;
  created_at: number;
}

/** A comment with what an export needs beyond the core row: its real parent and the source it was imported from. */
export interface ExportCommentRow extends CommentRow {
  format: 'markdown' | 'html';
  reply_to: number | null;
  registered: number;
  source_user: string;
  source: string | null;
  source_id: string | null;
  source_origin: string | null;
}

export interface LikeRow {
  comment_id: number;
  voter: string;
  created_at: number;
}

/** Everything, read in keyset pages so an export of any size streams in bounded memory. */
export function createExportRepo(db: Db) {
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
    async sites(): Promise<SiteRow[]> {
      return s.sites.all();
    },

    /** Threads after `afterId`: of every site, or of one site those with comments. */
    async threads(afterId: number, limit: number, siteId?: string): Promise<ThreadRow[]> {
      return siteId === undefined ? s.threads.all(afterId, limit) : s.siteThreads.all(siteId, afterId, limit);
    },

    /** Comments after `afterId`, of every thread or of one. */
    async comments(afterId: number, limit: number, threadId?: number): Promise<ExportCommentRow[]> {
      return threadId === undefined ? s.comments.all(afterId, limit) : s.threadComments.all(threadId, afterId, limit);
    },

    async likes(commentIds: readonly number[]): Promise<Map<number, LikeRow[]>> {
      const byComment = new Map<number, LikeRow[]>();
      for (const like of s.likes.all(JSON.stringify(commentIds))) {
        byComment.set(like.comment_id, [...(byComment.get(like.comment_id) ?? []), like]);
      }
      return byComment;
    },
  };
}

export type ExportRepo = ReturnType<typeof createExportRepo>;
