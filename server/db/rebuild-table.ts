import type Database from 'better-sqlite3';

/**
 * Rebuilds `table` so that its `id INTEGER PRIMARY KEY` becomes AUTOINCREMENT,
 * following SQLite's own recipe for schema changes ALTER TABLE cannot make:
 * create the new table from the old one's definition, copy every row (ids
 * included), drop the old one, rename the new one, recreate its indexes and
 * triggers. Other tables' foreign keys name the table, not its storage, so they
 * point at the rebuilt table once it has the old name.
 *
 * Run with foreign keys off (a migration step marked `rebuildsTables`): with
 * them on, dropping the old table would cascade into every table that refers
 * to it. `floors` are queries whose single value the sequence must not fall
 * below (ids other rows still name, of rows since deleted).
 */
export function rebuildWithAutoincrement(db: Database.Database, table: string, floors: readonly string[] = []): void {
  const definition = db.prepare<[string], string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table);
  if (!definition) throw new Error(`[parley] rebuild: no table ${table}`);
  const primaryKey = /\bid(\s+)INTEGER PRIMARY KEY\b(?!\s+AUTOINCREMENT)/;
  if (!primaryKey.test(definition)) throw new Error(`[parley] rebuild: ${table} has no plain id INTEGER PRIMARY KEY`);
  const rebuilt = `${table}_rebuilt`;
  const created = definition.replace(/^CREATE TABLE\s+("?)\w+\1/, `CREATE TABLE ${rebuilt}`).replace(primaryKey, 'id$1INTEGER PRIMARY KEY AUTOINCREMENT');
  const attached = db
    .prepare<[string], string>("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name")
    .pluck()
    .all(table);

  db.exec(created);
  db.exec(`INSERT INTO ${rebuilt} SELECT * FROM ${table}`);
  db.exec(`DROP TABLE ${table}`);
  db.exec(`ALTER TABLE ${rebuilt} RENAME TO ${table}`);
  for (const sql of attached) db.exec(sql);

  const highest = [`SELECT max(id) FROM ${table}`, ...floors].map((query) => Number(db.prepare(query).pluck().get() ?? 0)).reduce((a, b) => Math.max(a, b), 0);
  db.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run(table);
  if (highest > 0) db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(table, highest);
}
