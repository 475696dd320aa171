import { describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { createGroupCommit } from './group-commit.ts';

function setup() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (x INTEGER UNIQUE)');
  const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
  const add = (x: number) =>
    db.transaction(() => {
      insert.run(x);
      insert.run(x + 1000);
      if (x < 0) throw new Error(`refused ${x}`);
      return x;
    });
  const values = () => db.prepare('SELECT x FROM t ORDER BY x').pluck().all();
  return { db, add, values, submit: createGroupCommit(db) };
}

describe('group commit', () => {
  test('writes of one turn commit together; each answers for itself', async () => {
    const { add, values, submit } = setup();
    const results = await Promise.allSettled([submit(add(1)), submit(add(-5)), submit(add(2))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused -5');
    // The failing job was rolled back whole (both of its rows), the others kept.
    expect(values()).toEqual([1, 2, 1001, 1002]);
  });

  test('a promise settles only once its write is committed', async () => {
    const { db, add, submit } = setup();
    const pending = submit(add(7));
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    await pending;
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2);
  });

  test('a constraint failure rejects only its own write', async () => {
    const { add, values, submit } = setup();
    await submit(add(3));
    const results = await Promise.allSettled([submit(add(3)), submit(add(4))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(values()).toEqual([3, 4, 1003, 1004]);
  });

  test('more than a batch of writes all land', async () => {
    const { add, values, submit } = setup();
    await Promise.all(Array.from({ length: 600 }, (_, i) => submit(add(i + 1))));
    expect(values()).toHaveLength(1200);
  });
});
