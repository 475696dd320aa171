import { existsSync } from 'node:fs';
import { openDatabase } from './open.ts';
import { BackupError } from './backup.ts';
import { isPostgresUrl, openPostgres } from './pg/database.ts';
import { TABLES } from './pg/migrations.ts';

/** A copy that cannot go ahead, with what to do about it. */
export class CopyError extends BackupError {
  constructor(message: string) {
    super(message);
    this.name = 'CopyError';
  }
}

type Row = Record<string, unknown>;

/** One side of a copy: an SQLite file or a PostgreSQL database, both at the current schema. */
interface Store {
  readonly name: string;
  columns(table: string): Promise<string[]>;
  count(table: string): Promise<number>;
  /** The table's rows in batches, in an order that puts a parent before its replies. */
  read(table: string, batch: number): AsyncGenerator<Row[]>;
  /** Writes a whole table in one transaction, calling `progress` after each batch. */
  write(table: string, columns: string[], rows: AsyncGenerator<Row[]>, progress: (done: number) => void): Promise<void>;
  clear(): Promise<void>;
  /** The highest id each table ever handed out (SQLite's AUTOINCREMENT record, PostgreSQL's sequences). */
  highWater(): Promise<Map<string, number>>;
  /** Moves id sequences past the copied ids and past the source's high-water marks, so no id is given twice. */
  finish(highWater: Map<string, number>): Promise<void>;
  close(): Promise<void>;
}

const ORDER: Partial<Record<string, string>> = { comments: 'depth, id' };
const orderOf = (table: string, columns: string[]) => ORDER[table] ?? (columns.includes('id') ? 'id' : columns.join(', '));

function sqliteStore(path: string, create: boolean): Store {
  if (!create && !existsSync(path)) throw new CopyError(`there is no database at ${path}`);
  const db = openDatabase(path);
  const columns = (table: string) => db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
  return {
    name: path,
    columns: async (table) => columns(table),
    count: async (table) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
    async *read(table, batch) {
      const statement = db.prepare(`SELECT * FROM ${table} ORDER BY ${orderOf(table, columns(table))}`);
      let rows: Row[] = [];
      for (const row of statement.iterate() as Iterable<Row>) {
        rows.push(row);
        if (rows.length === batch) {
          yield rows;
          rows = [];
        }
      }
      if (rows.length) yield rows;
    },
    async write(table, cols, batches, progress) {
      const insert = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
      // Foreign keys are checked once the whole copy is in (a reply may come before its parent).
      db.pragma('foreign_keys = OFF');
      db.exec('BEGIN');
      try {
        let done = 0;
        for await (const rows of batches) {
          for (const row of rows) insert.run(Object.fromEntries(cols.map((c) => [c, row[c] ?? null])));
          done += rows.length;
          progress(done);
        }
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    async clear() {
      db.pragma('foreign_keys = OFF');
      db.transaction(() => {
        for (const table of [...TABLES].reverse()) db.exec(`DELETE FROM ${table}`);
        // Deleting the comments retired their ids (a trigger): forget those too, the copy brings the source's.
        db.exec('DELETE FROM retired_comment_ids');
      })();
    },
    async highWater() {
      const known = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get();
      const rows = known ? (db.prepare('SELECT name, seq FROM sqlite_sequence').all() as Array<{ name: string; seq: number }>) : [];
      return new Map(rows.map((r) => [r.name, r.seq]));
    },
    async finish(highWater) {
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get()) {
        for (const [table, seq] of highWater) db.prepare('UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?').run(seq, table);
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      db.pragma('foreign_keys = ON');
      if (broken.length) throw new CopyError(`the copy in ${path} has ${broken.length} rows whose references are missing`);
    },
    async close() {
      db.close();
    },
  };
}

function pgStore(url: string): Store {
  const db = openPostgres(url, { poolSize: 2 });
  const identityTables = async () =>
    (
      await db.rows<{ table_name: string }>(`SELECT table_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'`)
    ).map((r) => r.table_name);
  return {
    name: url.replace(/:[^:@/]*@/, ':***@'),
    async columns(table) {
      return (
        await db.rows<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns
        WHERE table_name = $1 AND table_schema = current_schema() ORDER BY ordinal_position`,
          [table],
        )
      ).map((r) => r.column_name);
    },
    async count(table) {
      return (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
    },
    async *read(table, batch) {
      await db.ready;
      const client = await db.pool.connect();
      try {
        const columns = await this.columns(table);
        // A cursor in one read-only transaction: a consistent snapshot, read in bounded memory.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await client.query(`DECLARE parley_copy NO SCROLL CURSOR FOR SELECT * FROM ${table} ORDER BY ${orderOf(table, columns)}`);
        for (;;) {
          const { rows } = await client.query<Row>(`FETCH ${batch} FROM parley_copy`);
          if (!rows.length) break;
          yield rows;
        }
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    },
    async write(table, cols, batches, progress) {
      await db.transaction(async (tx) => {
        await tx.query('SET CONSTRAINTS ALL DEFERRED');
        let done = 0;
        for await (const rows of batches) {
          for (let at = 0; at < rows.length; at += 200) {
            const chunk = rows.slice(at, at + 200);
            const values: unknown[] = [];
            const tuples = chunk.map((row) => `(${cols.map((c) => `$${values.push(row[c] ?? null)}`).join(', ')})`);
            await tx.query(`INSERT INTO ${table} (${cols.join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}`, values);
          }
          done += rows.length;
          progress(done);
        }
      });
    },
    async clear() {
      await db.query(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE`);
    },
    async highWater() {
      const marks = new Map<string, number>();
      for (const table of await identityTables()) {
        const row = await db.one<{ last_value: number; is_called: boolean }>(`SELECT last_value, is_called FROM ${table}_id_seq`);
        if (row?.is_called) marks.set(table, row.last_value);
      }
      return marks;
    },
    async finish(highWater) {
      for (const table of await identityTables()) {
        const mark = Math.max((await db.one<{ n: number }>(`SELECT coalesce(max(id), 0) AS n FROM ${table}`))!.n, highWater.get(table) ?? 0);
        await db.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), greatest($1::bigint, 1), $1::bigint > 0)`, [mark]);
      }
    },
    close: () => db.close(),
  };
}

export const openStore = (where: string, create: boolean): Store => (isPostgresUrl(where) ? pgStore(where) : sqliteStore(where, create));

export interface CopyReport {
  tables: Array<{ table: string; source: number; target: number }>;
}

/**
 * Copies every table (comments, accounts, sessions, moderation records, the
 * mail outbox, settings and the secret) from one database to another, one
 * transaction per table, and counts both sides afterwards. A target that
 * holds anything is refused unless `force` (which empties it first).
 */
export async function copyDatabase(
  from: string,
  to: string,
  options: { force: boolean; onProgress?: (table: string, done: number, total: number) => void },
): Promise<CopyReport> {
  if (from === to) throw new CopyError('--from and --to name the same database');
  const source = openStore(from, false);
  const target = openStore(to, true);
  try {
    const nonEmpty: string[] = [];
    for (const table of TABLES) if ((await target.count(table)) > 0) nonEmpty.push(table);
    if (nonEmpty.length && !options.force) {
      throw new CopyError(`${target.name} is not empty (${nonEmpty.join(', ')}); pass --force to replace what it holds`);
    }
    if (nonEmpty.length) await target.clear();
    const report: CopyReport = { tables: [] };
    for (const table of TABLES) {
      const total = await source.count(table);
      const sourceColumns = new Set(await source.columns(table));
      const columns = (await target.columns(table)).filter((c) => sourceColumns.has(c));
      options.onProgress?.(table, 0, total);
      if (total) await target.write(table, columns, source.read(table, 1000), (done) => options.onProgress?.(table, done, total));
      report.tables.push({ table, source: total, target: await target.count(table) });
    }
    await target.finish(await source.highWater());
    return report;
  } finally {
    await source.close();
    await target.close();
  }
}
