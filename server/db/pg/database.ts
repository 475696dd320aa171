import pg from 'pg';
import { migratePg } from './migrations.ts';

// BIGINT (ids, millisecond times, counts) and NUMERIC (sums) as JavaScript numbers, as SQLite gives them.
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1700, (value) => Number(value));

export type PgClient = pg.PoolClient;

/** What a repository runs a statement on: the pool (autocommit) or a transaction's client. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface PgDatabase {
  readonly pool: pg.Pool;
  /** Settles once the schema is up to date; every statement waits for it. */
  readonly ready: Promise<void>;
  /** The channel of the change feed (LISTEN/NOTIFY). */
  readonly channel: string;
  /** Runs one statement outside any transaction. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** The rows of one statement. */
  rows<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  /** The first row of one statement, if any. */
  one<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R | undefined>;
  /**
   * Runs `work` in one transaction on one pooled connection (the unit of work
   * hooks receive). A serialization failure or deadlock is retried a few times.
   */
  transaction<T>(work: (tx: PgClient) => Promise<T>, options?: { isolation?: 'read committed' | 'repeatable read' | 'serializable' }): Promise<T>;
  close(): Promise<void>;
}

export interface PgOptions {
  /** Connections in the pool (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** A schema to work in (created if missing): tests give each app its own. */
  schema?: string;
  /** Run the migrations on open (default true). */
  migrate?: boolean;
}

const RETRYABLE = new Set(['40001', '40P01']);

/** Opens a pool on a `postgres://` URL and brings the schema up to date in the background (see `ready`). */
export function openPostgres(url: string, options: PgOptions = {}): PgDatabase {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`[parley] bad schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection that the server drops (a restart, a failover) is replaced on the next checkout.
  pool.on('error', (error) => console.error('[parley] PostgreSQL connection lost:', error.message));

  const ready = (async () => {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      if (options.migrate !== false) await migratePg(client);
    } finally {
      client.release();
    }
  })();
  ready.catch(() => {});

  const query = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
    await ready;
    return pool.query<R>(text, values);
  };

  return {
    pool,
    ready,
    channel: `parley_changes${schema ? `_${schema}` : ''}`,
    query,
    rows: async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => (await query<R>(text, values)).rows,
    one: async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => (await query<R>(text, values)).rows[0],
    async transaction(work, txOptions = {}) {
      await ready;
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query(`BEGIN ISOLATION LEVEL ${(txOptions.isolation ?? 'read committed').toUpperCase()}`);
          const result = await work(client);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          if (attempt < 5 && RETRYABLE.has((error as { code?: string }).code ?? '')) continue;
          throw error;
        } finally {
          client.release();
        }
      }
    },
    async close() {
      await ready.catch(() => {});
      await pool.end();
    },
  };
}

/** One row of a transaction's statement. */
export async function first<R extends pg.QueryResultRow>(tx: Queryable, text: string, values?: unknown[]): Promise<R | undefined> {
  return (await tx.query<R>(text, values)).rows[0];
}

export async function all<R extends pg.QueryResultRow>(tx: Queryable, text: string, values?: unknown[]): Promise<R[]> {
  return (await tx.query<R>(text, values)).rows;
}

/** Runs a statement; how many rows it changed. */
export async function run(tx: Queryable, text: string, values?: unknown[]): Promise<number> {
  return (await tx.query(text, values)).rowCount ?? 0;
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);
