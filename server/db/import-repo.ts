import type { Db } from './open.ts';
import type { ChangeFeed } from './changes.ts';
import type { BatchResult, ImportRow, ParentRow, RunState, ThreadBefore, ThreadTarget } from './import-types.ts';
import { MAX_PINNED } from './types.ts';

export type { BatchResult, ImportRow, ParentRow, RunState, ThreadTarget } from './import-types.ts';

/** A pin from the file holds on a top-level comment while its thread has room (approved pins count; see pins-repo.ts). */
const PIN_IF_ROOM = `CASE WHEN @parent IS NULL AND (@status != 'approved' OR (SELECT count(*) FROM comments
  WHERE thread_id = @thread AND pinned_at IS NOT NULL AND status = 'approved') < ${MAX_PINNED}) THEN @pinnedAt END`;

/** Imports: batched writes keyed by the source's own ids, so running an import twice adds nothing. */
export function createImportRepo(db: Db, changes: ChangeFeed) {
  const s = {
    startRun: db.prepare('INSERT INTO imports (site_id, source, file, started_at, fingerprint) VALUES (?, ?, ?, ?, ?)'),
    doneRun: db.prepare<[string], { id: number; finished_at: number; summary: string }>(
      "SELECT id, finished_at, summary FROM imports WHERE fingerprint = ? AND outcome = 'done' ORDER BY id DESC LIMIT 1",
    ),
    finishRun: db.prepare('UPDATE imports SET outcome = ?, summary = ?, finished_at = ? WHERE id = ?'),
    key: db.prepare<[string, string, string, string], { comment_id: number | null }>(
      'SELECT comment_id FROM import_keys WHERE site_id = ? AND source = ? AND origin = ? AND source_id = ?',
    ),
    // A key from before blogs were recorded is this comment when it points at one on the same page with the same date
    // (or at none: deleted since, which cannot be told apart; it stays deleted).
    unsortedKey: db.prepare<[string, string, string, string, number | null], { comment_id: number | null }>(`SELECT k.comment_id
      FROM import_keys k LEFT JOIN comments c ON c.id = k.comment_id LEFT JOIN threads t ON t.id = c.thread_id
      WHERE k.site_id = ? AND k.source = ? AND k.origin = '' AND k.source_id = ?
        AND (k.comment_id IS NULL OR (t.page = ? AND c.created_at IS ?))`),
    anyUnsortedKey: db.prepare<[], { found: number }>("SELECT EXISTS (SELECT 1 FROM import_keys WHERE origin = '') AS found"),
    nativeMatch: db.prepare<[number, number, string, string], { id: number }>(`SELECT c.id FROM comments c
      JOIN threads t ON t.id = c.thread_id WHERE c.id = ? AND c.created_at = ? AND t.site_id = ? AND t.page = ?`),
    ensureSite: db.prepare('INSERT OR IGNORE INTO sites (id, settings, created_at) VALUES (?, ?, ?)'),
    findThread: db.prepare<[string, string], ThreadBefore & { id: number }>(
      'SELECT id, title, locked, published_at, meta_source FROM threads WHERE site_id = ? AND page = ?',
    ),
    restoreThread: db.prepare('UPDATE threads SET title = @title, locked = @locked, published_at = @published_at, meta_source = @meta_source WHERE id = @id'),
    dropEmptySite: db.prepare('DELETE FROM sites WHERE id = ? AND NOT EXISTS (SELECT 1 FROM threads WHERE site_id = sites.id)'),
    // AUTOINCREMENT's own counter: above every id ever given, deleted ones included.
    nextCommentId: db.prepare<[], { id: number }>("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'comments'), 0) + 1 AS id"),
    retired: db.prepare<[number], { id: number }>('SELECT comment_id AS id FROM retired_comment_ids WHERE comment_id = ?'),
    unretire: db.prepare('DELETE FROM retired_comment_ids WHERE comment_id = ?'),
    unretireRun: db.prepare('DELETE FROM retired_comment_ids WHERE comment_id IN (SELECT comment_id FROM import_keys WHERE import_id = ?)'),
    threadIdTaken: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM threads WHERE id = ?'),
    insertThread: db.prepare(`INSERT INTO threads (id, site_id, page, title, locked, created_at, published_at, meta_source)
      VALUES (@id, @site, @page, @title, @locked, @createdAt, @publishedAt, @metaSource)`),
    // A thread that exists keeps its title and date; one without a title takes the file's, and says whose it is.
    mergeThread: db.prepare(`UPDATE threads SET title = CASE WHEN title = '' THEN @title ELSE title END,
      meta_source = CASE WHEN title = '' AND @title != '' THEN @metaSource ELSE meta_source END,
      published_at = coalesce(published_at, @publishedAt), locked = max(locked, @locked) WHERE id = @id`),
    parent: db.prepare<[number], ParentRow>('SELECT id, thread_id, depth, root_id, parent_id FROM comments WHERE id = ?'),
    insert: db.prepare(`INSERT INTO comments
      (id, thread_id, parent_id, root_id, depth, status, kind, text, html, format, author_name, author_email, author_url,
       avatar_key, is_moderator, author_provider, ip, user_agent, registered, source_user, notify, likes, created_at, edited_at, reply_to,
       pinned_at)
      VALUES (@id, @thread, @parent, @root, @depth, @status, @kind, @text, @html, @format, @authorName, @authorEmail, @authorUrl,
       @avatarKey, @isModerator, @authorProvider, @ip, @userAgent, @registered, @sourceUser, @notify, @likeCount, @createdAt, @editedAt, @replyTo,
       ${PIN_IF_ROOM})`),
    like: db.prepare('INSERT OR IGNORE INTO likes (comment_id, voter, created_at) VALUES (?, ?, ?)'),
    remember: db.prepare('INSERT OR IGNORE INTO import_keys (site_id, source, origin, source_id, comment_id, import_id) VALUES (?, ?, ?, ?, ?, ?)'),
    unplace: db.prepare('DELETE FROM comments WHERE id = ?'),
    // `+status`: counted through the thread's comments, never by walking every approved comment of the database.
    recount: db.prepare(`UPDATE threads SET approved_count =
      (SELECT count(*) FROM comments WHERE thread_id = threads.id AND +status = 'approved') WHERE id = ?`),
    threadKey: db.prepare<[number], { site_id: string; page: string }>('SELECT site_id, page FROM threads WHERE id = ?'),
    runThreads: db.prepare<[number], { thread_id: number }>(`SELECT DISTINCT c.thread_id FROM import_keys k
      JOIN comments c ON c.id = k.comment_id WHERE k.import_id = ?`),
    // import_keys has no index on import_id: only a failed run reads by it, once.
    dropRunComments: db.prepare('DELETE FROM comments WHERE id IN (SELECT comment_id FROM import_keys WHERE import_id = ?)'),
    dropRunKeys: db.prepare('DELETE FROM import_keys WHERE import_id = ?'),
    dropEmptyThread: db.prepare('DELETE FROM threads WHERE id = ? AND NOT EXISTS (SELECT 1 FROM comments WHERE thread_id = threads.id)'),
  };

  const freeThreadId = (id: number | null) => (id !== null && s.threadIdTaken.get(id)!.n === 0 ? id : null);

  function threadId(run: RunState, target: ThreadTarget): number {
    const cacheKey = `${target.site}\n${target.page}`;
    const cached = run.threads.get(cacheKey);
    if (cached !== undefined) return cached;
    if (s.ensureSite.run(target.site, '{}', run.now).changes) run.createdSites.add(target.site);
    const found = s.findThread.get(target.site, target.page);
    let id: number;
    if (found) {
      id = found.id;
      const { id: _, ...before } = found;
      if (!run.createdThreads.has(id) && !run.changedThreads.has(id)) run.changedThreads.set(id, before);
      s.mergeThread.run({ id, title: target.title, locked: target.locked ? 1 : 0, metaSource: target.metaSource, publishedAt: target.publishedAt });
    } else {
      const row = { ...target, id: freeThreadId(target.preferredId), locked: target.locked ? 1 : 0 };
      id = Number(s.insertThread.run(row).lastInsertRowid);
      run.createdThreads.add(id);
    }
    run.threads.set(cacheKey, id);
    return id;
  }

  /** Stores one comment under its parent (capped at MAX_DEPTH as the server does); false when the parent is not stored yet. */
  function insertRow(run: RunState, row: ImportRow, result: BatchResult, touched: Set<number>): boolean {
    const parentId = row.parentRef === null ? null : run.refs.get(row.parentRef);
    if (parentId === undefined) return false;
    const thread = threadId(run, row.thread);
    // A parent in another thread (a broken source) is no parent: the reply starts its own branch.
    const found = parentId === null ? undefined : (run.placed.get(parentId) ?? s.parent.get(parentId));
    const real = found?.thread_id === thread ? found : undefined;
    if (row.parentRef !== null && real === undefined) result.detached++;
    const atMax = real !== undefined && real.depth >= run.maxDepth;
    const parent = real === undefined ? null : atMax ? real.parent_id : real.id;
    const values = {
      ...row,
      thread,
      parent,
      depth: real === undefined ? 1 : atMax ? real.depth : real.depth + 1,
      replyTo: atMax ? real.id : null,
      isModerator: row.isModerator ? 1 : 0,
      registered: row.registered ? 1 : 0,
      notify: row.notify ? 1 : 0,
      likeCount: row.likes.length,
    };
    // The id is chosen here (the source's own when free), so a top-level comment is its own root at once.
    const place = (id: number) => s.insert.run({ ...values, id, root: parent === null ? id : real!.root_id });
    // A source id that once named a since-deleted comment is not given again.
    const preferred = row.preferredId !== null && !s.retired.get(row.preferredId) ? row.preferredId : null;
    let id = preferred ?? s.nextCommentId.get()!.id;
    try {
      place(id);
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY' || preferred === null) throw error;
      id = s.nextCommentId.get()!.id;
      place(id);
    }
    if (s.remember.run(row.thread.site, row.source, row.origin, row.key, id, run.id).changes === 0) {
      // The same source id came twice in the file: the first one stands (this row was never seen: its id is free again).
      s.unplace.run(id);
      s.unretire.run(id);
      run.refs.set(row.ref, s.key.get(row.thread.site, row.source, row.origin, row.key)!.comment_id);
      result.duplicates++;
      return true;
    }
    run.placed.set(id, { id, thread_id: thread, depth: values.depth, root_id: parent === null ? id : real!.root_id, parent_id: parent });
    for (const like of row.likes) s.like.run(id, like.voter, like.createdAt);
    run.refs.set(row.ref, id);
    if (atMax) result.flattened++;
    touched.add(thread);
    return true;
  }

  const writeBatch = db.transaction((run: RunState, rows: readonly ImportRow[], eager: readonly ThreadTarget[]) => {
    const result: BatchResult = { inserted: [], waiting: [], flattened: 0, duplicates: 0, detached: 0 };
    const touched = new Set<number>();
    for (const target of eager) touched.add(threadId(run, target));
    for (const row of rows) {
      const before = result.duplicates;
      if (!insertRow(run, row, result, touched)) result.waiting.push(row);
      else if (result.duplicates === before) result.inserted.push(row);
    }
    for (const id of touched) s.recount.run(id);
    return { result, touched };
  });

  const discard = db.transaction((run: RunState) => {
    const threads = s.runThreads.all(run.id).map((r) => r.thread_id);
    s.dropRunComments.run(run.id);
    // Taken back before the run ended: a retry may give them the same ids.
    s.unretireRun.run(run.id);
    s.dropRunKeys.run(run.id);
    for (const id of threads) s.recount.run(id);
    for (const id of run.createdThreads) s.dropEmptyThread.run(id);
    for (const [id, before] of run.changedThreads) s.restoreThread.run({ id, ...before });
    for (const site of run.createdSites) s.dropEmptySite.run(site);
  });

  function announce(threadIds: Iterable<number>) {
    for (const id of threadIds) {
      const thread = s.threadKey.get(id);
      if (thread) changes.emit({ type: 'thread', siteId: thread.site_id, page: thread.page });
    }
  }

  return {
    async startRun(q: { site: string; source: string; file: string; fingerprint: string; now: number; maxDepth: number }): Promise<RunState> {
      // A bulk write touches every index of comments all over: a larger page cache (16 MB, this connection) saves re-reading them.
      db.pragma('cache_size = -16384');
      const id = Number(s.startRun.run(q.site, q.source, q.file, q.now, q.fingerprint).lastInsertRowid);
      return {
        id,
        now: q.now,
        maxDepth: q.maxDepth,
        refs: new Map(),
        placed: new Map(),
        threads: new Map(),
        createdThreads: new Set(),
        changedThreads: new Map(),
        createdSites: new Set(),
        unsortedKeys: s.anyUnsortedKey.get()!.found === 1,
      };
    },

    /** The last run that completed the very same import (file contents and options), if any. */
    async sameImport(fingerprint: string): Promise<{ id: number; finishedAt: number; summary: string } | undefined> {
      const row = s.doneRun.get(fingerprint);
      return row && { id: row.id, finishedAt: row.finished_at, summary: row.summary };
    },

    async finishRun(run: RunState, outcome: 'done' | 'failed', summary: unknown, now: number): Promise<void> {
      s.finishRun.run(outcome, JSON.stringify(summary), now, run.id);
    },

    /**
     * For each (site, source, origin, key): the comment it was imported as, `null` when
     * that comment has since been deleted, undefined when never imported. A
     * Parley export's own comment also counts as present when a comment with
     * its id, page and date is there (re-importing an export into its database).
     */
    async knownKeys(
      items: ReadonlyArray<{ site: string; source: string; origin: string; key: string; page: string; id: number | null; createdAt: number | null }>,
    ) {
      return items.map((item) => {
        const row =
          s.key.get(item.site, item.source, item.origin, item.key) ??
          (item.origin === '' ? undefined : s.unsortedKey.get(item.site, item.source, item.key, item.page, item.createdAt));
        if (row) return row.comment_id;
        if (item.source !== 'parley' || item.id === null || item.createdAt === null) return undefined;
        return s.nativeMatch.get(item.id, item.createdAt, item.site, item.page)?.id;
      });
    },

    /** A site named by the file, with its settings when it is new. */
    async ensureSite(run: RunState, site: string, settings: Record<string, unknown>, now: number): Promise<void> {
      if (s.ensureSite.run(site, JSON.stringify(settings), now).changes) run.createdSites.add(site);
    },

    /** Stores the rows whose parents are known, in one transaction, and announces the threads it changed. */
    async writeBatch(run: RunState, rows: readonly ImportRow[], eager: readonly ThreadTarget[] = []): Promise<BatchResult> {
      const { result, touched } = writeBatch(run, rows, eager);
      announce(touched);
      return result;
    },

    /** Takes back everything a failed run wrote: its comments, the threads it created, the counts. */
    async discardRun(run: RunState): Promise<void> {
      const threads = s.runThreads.all(run.id).map((r) => r.thread_id);
      discard(run);
      announce(threads);
    },
  };
}

export type ImportRepo = ReturnType<typeof createImportRepo>;
