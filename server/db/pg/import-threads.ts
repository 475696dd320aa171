import type { RunState, ThreadTarget } from '../types.ts';
import type { ThreadBefore } from '../import-types.ts';
import { first, run, type PgClient } from './database.ts';

/**
 * Where an import on PostgreSQL puts what it writes (import-repo.ts): a source's own id when it is
 * free (the sequence moved past it at once), else the next from the table's sequence; and each
 * comment's thread, found or made once a run, an existing one merged as on SQLite.
 */

/** The source's id when free, with the table's sequence moved past it; null when taken (or none). */
export const claimId = async (tx: PgClient, table: 'comments' | 'threads', preferred: number | null): Promise<number | null> => {
  if (preferred === null) return null;
  if (await first(tx, `SELECT 1 FROM ${table} WHERE id = $1`, [preferred])) return null;
  await tx.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), greatest($1::bigint, (SELECT last_value FROM ${table}_id_seq)))`, [preferred]);
  return preferred;
};
/** The next id from the table's sequence. */
export const nextId = async (tx: PgClient, table: 'comments' | 'threads') =>
  (await first<{ id: number }>(tx, `SELECT nextval(pg_get_serial_sequence('${table}', 'id')) AS id`))!.id;

/** Tries an insert with a chosen id; false (rolled back alone) when the id was taken meanwhile. */
export const tryInsert = async (tx: PgClient, insert: () => Promise<unknown>): Promise<boolean> => {
  await tx.query('SAVEPOINT parley_import_id');
  try {
    await insert();
    await tx.query('RELEASE SAVEPOINT parley_import_id');
    return true;
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT parley_import_id');
    if ((error as { code?: string; constraint?: string }).code === '23505' && /_pkey$/.test((error as { constraint?: string }).constraint ?? '')) return false;
    throw error;
  }
};

/** The thread a row of the file goes to: found (and merged: a title where it had none, a date, locked) or made, once a run. */
export async function threadId(tx: PgClient, run_: RunState, target: ThreadTarget): Promise<number> {
  const cacheKey = `${target.site}\n${target.page}`;
  const cached = run_.threads.get(cacheKey);
  if (cached !== undefined) return cached;
  if (await run(tx, "INSERT INTO sites (id, settings, created_at) VALUES ($1, '{}', $2) ON CONFLICT DO NOTHING", [target.site, run_.now]))
    run_.createdSites.add(target.site);
  const found = await first<ThreadBefore & { id: number }>(
    tx,
    'SELECT id, title, locked, published_at, meta_source FROM threads WHERE site_id = $1 AND page = $2',
    [target.site, target.page],
  );
  let id: number;
  if (found) {
    id = found.id;
    const { id: _, ...before } = found;
    if (!run_.createdThreads.has(id) && !run_.changedThreads.has(id)) run_.changedThreads.set(id, before);
    // A thread that exists keeps its title and date; one without a title takes the file's, and says whose it is.
    await run(
      tx,
      `UPDATE threads SET title = CASE WHEN title = '' THEN $2 ELSE title END,
        meta_source = CASE WHEN title = '' AND $2 != '' THEN $4 ELSE meta_source END,
        published_at = coalesce(published_at, $5), locked = greatest(locked, $3) WHERE id = $1`,
      [id, target.title, target.locked ? 1 : 0, target.metaSource, target.publishedAt],
    );
  } else {
    const insert = (chosen: number) =>
      tx.query(`INSERT INTO threads (id, site_id, page, title, locked, created_at, published_at, meta_source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        chosen,
        target.site,
        target.page,
        target.title,
        target.locked ? 1 : 0,
        target.createdAt,
        target.publishedAt,
        target.metaSource,
      ]);
    const preferred = await claimId(tx, 'threads', target.preferredId);
    id = preferred !== null && (await tryInsert(tx, () => insert(preferred))) ? preferred : await nextId(tx, 'threads');
    if (id !== preferred) await insert(id);
    run_.createdThreads.add(id);
  }
  run_.threads.set(cacheKey, id);
  return id;
}
