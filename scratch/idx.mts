import Database from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';
const names = (new Database('/tmp/p2/p.db', { readonly: true })).prepare("SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='comments' AND sql IS NOT NULL").pluck().all() as string[];
console.log(names);
for (const drop of [null, 'C8000', 'C32000', null, 'C8000', 'C32000']) {
  for (const x of ['', '-wal', '-shm']) rmSync('/tmp/idx.db' + x, { force: true });
  const src = new Database('/tmp/p2/p.db'); src.pragma('wal_checkpoint(TRUNCATE)'); src.close();
  copyFileSync('/tmp/p2/p.db', '/tmp/idx.db');
  const db = new Database('/tmp/idx.db'); db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL');
  if (drop) db.pragma(`cache_size = -${drop.slice(1)}`);
  const rows = db.prepare('SELECT * FROM comments ORDER BY id').all() as any[];
  const cols = Object.keys(rows[0]).filter((c) => c !== 'id');
  const ins = db.prepare(`INSERT INTO comments (${cols.join(',')}) VALUES (${cols.map((c) => '@' + c).join(',')})`);
  const tx = db.transaction((batch: any[]) => { for (const r of batch) ins.run(r); });
  const t = process.cpuUsage();
  for (let i = 0; i < rows.length; i += 2000) tx(rows.slice(i, i + 2000));
  const d = process.cpuUsage(t);
  console.log(String(drop).padEnd(28), ((d.user + d.system) / 1000).toFixed(0), 'ms cpu for', rows.length);
  db.close();
}
