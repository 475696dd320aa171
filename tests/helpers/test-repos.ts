import { openDatabase, type Db } from '../../server/db/open.ts';
import { createRepos } from '../../server/db/repos.ts';
import { openPostgres } from '../../server/db/pg/database.ts';
import { createPgRepos } from '../../server/db/pg/repos.ts';
import type { Repos } from '../../server/db/types.ts';

/**
 * Raw SQL for a test to set up or look at what the interface does not offer,
 * on either engine: `?` placeholders, rows as objects.
 */
export interface TestSql {
  (text: string, ...params: unknown[]): Promise<Array<Record<string, any>>>;
  /** The first row. */
  one(text: string, ...params: unknown[]): Promise<Record<string, any> | undefined>;
  /** The first column of the first row. */
  value(text: string, ...params: unknown[]): Promise<any>;
  /** The first column of every row. */
  column(text: string, ...params: unknown[]): Promise<any[]>;
}

const open = new Set<Repos>();
let schemas = 0;

/** The engine the contract tests run on: PostgreSQL in the `postgres` project (PARLEY_TEST_PG_URL), else SQLite. */
export const testEngine = (): 'sqlite' | 'postgres' => (process.env.PARLEY_TEST_PG_URL ? 'postgres' : 'sqlite');

/** Fresh, empty repositories: an in-memory SQLite database, or a schema of its own in the test file's PostgreSQL database. */
export function createTestRepos(options: { mail?: boolean } = {}): { repos: Repos; sql: TestSql; sqlite: Db | undefined } {
  const url = process.env.PARLEY_TEST_PG_URL;
  if (!url) {
    const db = openDatabase(':memory:');
    return {
      repos: createRepos(db, options),
      sqlite: db,
      sql: withHelpers(async (text, ...params) => {
        const statement = db.prepare(text);
        if (statement.reader) return statement.all(...params) as Array<Record<string, any>>;
        statement.run(...params);
        return [];
      }),
    };
  }
  const schema = `app_${process.pid}_${++schemas}`;
  const db = openPostgres(url, { poolSize: 3, schema });
  const repos = createPgRepos(db, url, { ...options, schema });
  open.add(repos);
  return {
    repos,
    sqlite: undefined,
    sql: withHelpers(async (text, ...params) => {
      let n = 0;
      return (
        await db.query(
          text.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows;
    }),
  };
}

function withHelpers(run: (text: string, ...params: unknown[]) => Promise<Array<Record<string, any>>>): TestSql {
  const sql = run as TestSql;
  sql.one = async (text, ...params) => (await run(text, ...params))[0];
  sql.value = async (text, ...params) => {
    const row = (await run(text, ...params))[0];
    return row === undefined ? undefined : Object.values(row)[0];
  };
  sql.column = async (text, ...params) => (await run(text, ...params)).map((row) => Object.values(row)[0]);
  return sql;
}

/** Closes every PostgreSQL app a test file made (its pools and listeners). */
export async function closeTestRepos(): Promise<void> {
  await Promise.all([...open].map((repos) => repos.close().catch(() => {})));
  open.clear();
}
