import type { ChangeFeed } from '../changes.ts';
import type { BatchResult, ImportRepo, ImportRow, ParentRow, RunState } from '../types.ts';
import { claimId, nextId, threadId, tryInsert } from './import-threads.ts';
import { MAX_PINNED } from '../types.ts';
import { all, first, run, type PgClient, type PgDatabase } from './database.ts';

/**
 * Imports on PostgreSQL, as on SQLite (server/db/import-repo.ts). A source's
 * own id is kept when free; otherwise the id comes from the table's sequence.
 * A kept id moves the sequence past it at once (`setval` is not rolled back),
 * so a comment posted meanwhile on any server never collides with it.
 * A batch locks the threads it recounts before counting, so a comment posted
 * into one of them meanwhile is counted exactly once.
 */
export function createPgImportRepo(db: PgDatabase, changes: ChangeFeed): ImportRepo {
  async function insertRow(tx: PgClient, run_: RunState, row: ImportRow, result: BatchResult, touched: Set<number>): Promise<boolean> {
    const parentId = row.parentRef === null ? null : run_.refs.get(row.parentRef);
    if (parentId === undefined) return false;
    const thread = await threadId(tx, run_, row.thread);
    const found =
      parentId === null
        ? undefined
        : (run_.placed.get(parentId) ??
          (await first<ParentRow>(tx, 'SELECT id, thread_id, depth, root_id, parent_id FROM comments WHERE id = $1', [parentId])));
    const real = found?.thread_id === thread ? found : undefined;
    if (row.parentRef !== null && real === undefined) result.detached++;
    const atMax = real !== undefined && real.depth >= run_.maxDepth;
    const parent = real === undefined ? null : atMax ? real.parent_id : real.id;
    const depth = real === undefined ? 1 : atMax ? real.depth : real.depth + 1;
    const place = (id: number) =>
      tx.query(
        `INSERT INTO comments
      (id, thread_id, parent_id, root_id, depth, status, kind, text, html, format, author_name, author_email, author_url,
       avatar_key, is_moderator, author_provider, ip, user_agent, registered, source_user, notify, likes, created_at, edited_at, reply_to,
       pinned_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25,
       CASE WHEN $3::bigint IS NULL AND ($6 != 'approved' OR (SELECT count(*) FROM comments
         WHERE thread_id = $2 AND pinned_at IS NOT NULL AND status = 'approved') < ${MAX_PINNED}) THEN $26::bigint END)`,
        [
          id,
          thread,
          parent,
          parent === null ? id : real!.root_id,
          depth,
          row.status,
          row.kind,
          row.text,
          row.html,
          row.format,
          row.authorName,
          row.authorEmail,
          row.authorUrl,
          row.avatarKey,
          row.isModerator ? 1 : 0,
          row.authorProvider,
          row.ip,
          row.userAgent,
          row.registered ? 1 : 0,
          row.sourceUser,
          row.notify ? 1 : 0,
          row.likes.length,
          row.createdAt,
          row.editedAt,
          atMax ? real.id : null,
          row.pinnedAt,
        ],
      );
    // A source id that once named a since-deleted comment is not given again.
    const retired = row.preferredId !== null && !!(await first(tx, 'SELECT 1 FROM retired_comment_ids WHERE comment_id = $1', [row.preferredId]));
    const preferred = await claimId(tx, 'comments', retired ? null : row.preferredId);
    const id = preferred !== null && (await tryInsert(tx, () => place(preferred))) ? preferred : await nextId(tx, 'comments');
    if (id !== preferred) await place(id);
    if (
      !(await run(
        tx,
        'INSERT INTO import_keys (site_id, source, origin, source_id, comment_id, import_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
        [row.thread.site, row.source, row.origin, row.key, id, run_.id],
      ))
    ) {
      // The same source id came twice in the file: the first one stands (this row was never seen: its id is free again).
      await run(tx, 'DELETE FROM comments WHERE id = $1', [id]);
      await run(tx, 'DELETE FROM retired_comment_ids WHERE comment_id = $1', [id]);
      run_.refs.set(
        row.ref,
        (await first<{ comment_id: number | null }>(
          tx,
          'SELECT comment_id FROM import_keys WHERE site_id = $1 AND source = $2 AND origin = $3 AND source_id = $4',
          [row.thread.site, row.source, row.origin, row.key],
        ))!.comment_id,
      );
      result.duplicates++;
      return true;
    }
    run_.placed.set(id, { id, thread_id: thread, depth, root_id: parent === null ? id : real!.root_id, parent_id: parent });
    for (const like of row.likes) {
      await run(tx, 'INSERT INTO likes (comment_id, voter, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, like.voter, like.createdAt]);
    }
    run_.refs.set(row.ref, id);
    if (atMax) result.flattened++;
    touched.add(thread);
    return true;
  }

  const recount = async (tx: PgClient, ids: readonly number[]) => {
    if (!ids.length) return;
    await tx.query('SELECT id FROM threads WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [ids]);
    await tx.query(
      `UPDATE threads SET approved_count = (SELECT count(*) FROM comments WHERE thread_id = threads.id AND status = 'approved')
      WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  };

  async function announce(threadIds: Iterable<number>) {
    const ids = [...threadIds];
    if (!ids.length) return;
    for (const thread of await db.rows<{ site_id: string; page: string }>('SELECT site_id, page FROM threads WHERE id = ANY($1::bigint[])', [ids])) {
      changes.emit({ type: 'thread', siteId: thread.site_id, page: thread.page });
    }
  }

  return {
    async startRun(q) {
      const row = (await db.one<{ id: number }>(
        'INSERT INTO imports (site_id, source, file, started_at, fingerprint) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [q.site, q.source, q.file, q.now, q.fingerprint],
      ))!;
      return {
        id: row.id,
        now: q.now,
        maxDepth: q.maxDepth,
        refs: new Map(),
        placed: new Map(),
        threads: new Map(),
        createdThreads: new Set(),
        changedThreads: new Map(),
        createdSites: new Set(),
        unsortedKeys: !!(await db.one("SELECT 1 FROM import_keys WHERE origin = '' LIMIT 1")),
      };
    },

    async sameImport(fingerprint) {
      const row = await db.one<{ id: number; finished_at: number; summary: string }>(
        "SELECT id, finished_at, summary FROM imports WHERE fingerprint = $1 AND outcome = 'done' ORDER BY id DESC LIMIT 1",
        [fingerprint],
      );
      return row && { id: row.id, finishedAt: row.finished_at, summary: row.summary };
    },

    async finishRun(run_, outcome, summary, now) {
      await db.query('UPDATE imports SET outcome = $1, summary = $2, finished_at = $3 WHERE id = $4', [outcome, JSON.stringify(summary), now, run_.id]);
    },

    async knownKeys(items) {
      const found: Array<number | null | undefined> = [];
      for (const item of items) {
        const row =
          (await db.one<{ comment_id: number | null }>(
            'SELECT comment_id FROM import_keys WHERE site_id = $1 AND source = $2 AND origin = $3 AND source_id = $4',
            [item.site, item.source, item.origin, item.key],
          )) ??
          // A key from before blogs were recorded is this comment when it points at one on the same page with the same date (or at none).
          (item.origin === ''
            ? undefined
            : await db.one<{ comment_id: number | null }>(
                `SELECT k.comment_id
            FROM import_keys k LEFT JOIN comments c ON c.id = k.comment_id LEFT JOIN threads t ON t.id = c.thread_id
            WHERE k.site_id = $1 AND k.source = $2 AND k.origin = '' AND k.source_id = $3
              AND (k.comment_id IS NULL OR (t.page = $4 AND c.created_at IS NOT DISTINCT FROM $5))`,
                [item.site, item.source, item.key, item.page, item.createdAt],
              ));
        if (row) {
          found.push(row.comment_id);
          continue;
        }
        if (item.source !== 'parley' || item.id === null || item.createdAt === null) {
          found.push(undefined);
          continue;
        }
        found.push(
          (
            await db.one<{ id: number }>(
              `SELECT c.id FROM comments c JOIN threads t ON t.id = c.thread_id
          WHERE c.id = $1 AND c.created_at = $2 AND t.site_id = $3 AND t.page = $4`,
              [item.id, item.createdAt, item.site, item.page],
            )
          )?.id,
        );
      }
      return found;
    },

    async ensureSite(run_, site, settings, now) {
      if (await run(db, 'INSERT INTO sites (id, settings, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [site, JSON.stringify(settings), now])) {
        run_.createdSites.add(site);
      }
    },

    async writeBatch(run_, rows, eager = []) {
      const { result, touched } = await db.transaction(async (tx) => {
        const result: BatchResult = { inserted: [], waiting: [], flattened: 0, duplicates: 0, detached: 0 };
        const touched = new Set<number>();
        for (const target of eager) touched.add(await threadId(tx, run_, target));
        for (const row of rows) {
          const before = result.duplicates;
          if (!(await insertRow(tx, run_, row, result, touched))) result.waiting.push(row);
          else if (result.duplicates === before) result.inserted.push(row);
        }
        await recount(tx, [...touched]);
        return { result, touched };
      });
      await announce(touched);
      return result;
    },

    async discardRun(run_) {
      const threads = await db.transaction(async (tx) => {
        const threads = (
          await all<{ thread_id: number }>(
            tx,
            `SELECT DISTINCT c.thread_id FROM import_keys k
          JOIN comments c ON c.id = k.comment_id WHERE k.import_id = $1`,
            [run_.id],
          )
        ).map((r) => r.thread_id);
        await run(tx, 'DELETE FROM comments WHERE id IN (SELECT comment_id FROM import_keys WHERE import_id = $1)', [run_.id]);
        // Taken back before the run ended: a retry may give them the same ids.
        await run(tx, 'DELETE FROM retired_comment_ids WHERE comment_id IN (SELECT comment_id FROM import_keys WHERE import_id = $1)', [run_.id]);
        await run(tx, 'DELETE FROM import_keys WHERE import_id = $1', [run_.id]);
        await recount(tx, threads);
        for (const id of run_.createdThreads)
          await run(tx, 'DELETE FROM threads WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM comments WHERE thread_id = threads.id)', [id]);
        for (const [id, before] of run_.changedThreads)
          await run(tx, 'UPDATE threads SET title = $2, locked = $3, published_at = $4, meta_source = $5 WHERE id = $1', [
            id,
            before.title,
            before.locked,
            before.published_at,
            before.meta_source,
          ]);
        for (const site of run_.createdSites)
          await run(tx, 'DELETE FROM sites WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM threads WHERE site_id = sites.id)', [site]);
        return threads;
      });
      await announce(threads);
    },
  };
}
