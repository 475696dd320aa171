import { openDatabase } from '../../server/db/open.ts';
import { createRepos } from '../../server/db/repos.ts';
import { importFile, type ImportFormat, type ImportOptions } from '../../server/migrate/importer.ts';

export const TEST_SECRET = 'test-secret-'.padEnd(48, 'x');

/** A fresh in-memory database and an `importInto` bound to it, with the options a test usually wants. */
export function createImportDb() {
  const db = openDatabase(':memory:');
  const repos = createRepos(db);
  const importInto = (format: ImportFormat, file: string, options: Partial<ImportOptions> = {}) =>
    importFile(repos.imports, {
      format,
      file,
      site: 'default',
      siteOverride: false,
      skipPingbacks: false,
      maxDepth: 10,
      secret: TEST_SECRET,
      clock: () => Date.parse('2026-01-01T00:00:00Z'),
      ...options,
    });
  const rows = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
  const one = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;
  return {
    db,
    repos,
    importInto,
    rows,
    one,
    /** Comments per status, e.g. { approved: 3, pending: 1 }. */
    statuses: () =>
      Object.fromEntries(rows<{ status: string; n: number }>('SELECT status, count(*) AS n FROM comments GROUP BY status').map((r) => [r.status, r.n])),
    counts: () =>
      one<{ comments: number; threads: number; sites: number }>(
        'SELECT (SELECT count(*) FROM comments) AS comments, (SELECT count(*) FROM threads) AS threads, (SELECT count(*) FROM sites) AS sites',
      ),
  };
}

export type ImportDb = ReturnType<typeof createImportDb>;
