import { describe, expect, test } from 'vitest';
import { openDatabase } from './open.ts';
import { createRepos } from './repos.ts';

/**
 * Every read a reader's request makes must find its rows through an index
 * scoped to the thread (or the author, or the date): with a million comments
 * in the database, a plan that walks a whole table or a site-wide status
 * index turns a millisecond read into a second.
 */
async function preparedSelects(files: RegExp): Promise<Map<string, string>> {
  const db = openDatabase(':memory:');
  const seen = new Map<string, string>();
  const prepare = db.prepare.bind(db);
  (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    const origin = new Error().stack?.split('\n').find((line) => files.test(line));
    if (origin && /^\s*(SELECT|WITH)/i.test(sql)) seen.set(sql, origin.trim());
    return prepare(sql);
  };
  const repos = createRepos(db);
  // Thread reads are prepared on first use: ask for each audience, sort and page.
  for (const sort of ['oldest', 'newest', 'top'] as const) {
    for (const after of [null, [1, 1] as const]) {
      for (const viewer of [
        { ownedIds: [], accountId: null },
        { ownedIds: [1], accountId: 1 },
      ]) {
        db.prepare("INSERT OR IGNORE INTO sites (id, created_at) VALUES ('s', 0)").run();
        db.prepare("INSERT OR IGNORE INTO threads (id, site_id, page, created_at) VALUES (1, 's', '/p/', 0)").run();
        await repos.comments.listThread({ siteId: 's', page: '/p/', sort, after, limit: 10, viewer });
        await repos.comments.listBranch({ siteId: 's', page: '/p/', root: 1, after, viewer });
        await repos.comments.listChain({ siteId: 's', page: '/p/', comment: 1, viewer });
      }
    }
  }
  return new Map([...seen].map(([sql]) => [sql, planOf(prepare, sql)]));
}

function planOf(prepare: (sql: string) => { all(...args: unknown[]): unknown[] }, sql: string): string {
  const named = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
  const positional = (sql.match(/\?/g) ?? []).length;
  const args: unknown[] = named.length ? [Object.fromEntries(named.map((n) => [n, /owned|roots|ids/.test(n) ? '[1]' : 1]))] : Array(positional).fill(1);
  const rows = prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join(' | ');
}

// Thread reads are prepared on first use, after an awaited lookup: collect them before the tests are made.
const readerPlans = await preparedSelects(/(comments-repo|thread-reads|feed-repo|sites-repo)\.ts/);
const threadPlans = [...(await preparedSelects(/thread-reads\.ts/))];

describe('query plans of the reader-facing reads', () => {
  const plans = readerPlans;

  test('there are reads to check', () => {
    expect(plans.size).toBeGreaterThan(10);
  });

  test.each([...plans])('%s', (sql, plan) => {
    expect(plan, `${sql}\n→ ${plan}`).not.toMatch(/comments_by_status|SCAN (comments|c|threads|t)\b(?! USING INDEX comments_latest)/);
  });
});

describe('query plans of the bounded thread reads', () => {
  const plans = threadPlans;

  test('the rest of a branch walks its root in order, through the (root_id, created_at, id) index', () => {
    const branch = plans.filter(([sql]) => /c\.root_id = @root/.test(sql));
    expect(branch.length).toBe(2);
    for (const [, plan] of branch) expect(plan).toMatch(/^SEARCH c USING INDEX comments_by_root \(root_id=\? AND created_at>\?\)/);
  });

  test('a permalink reads the comment and those above it by id, not its whole thread', () => {
    const chain = plans.filter(([sql]) => /RECURSIVE/.test(sql));
    expect(chain.length).toBe(2);
    for (const [, plan] of chain) expect(plan).not.toMatch(/comments_by_author|comments_roots|SCAN c\b/);
  });
});
