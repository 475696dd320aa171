import { openDatabase, type Db } from '../server/db/open.ts';

/**
 * Fills a database quickly with plain SQL (not through the API): `threads`
 * pages of `perThread` top-level comments each, approved, on site `default`.
 */
export function seedThreads(db: Db, options: { prefix: string; threads: number; perThread: number; start?: number }) {
  const now = options.start ?? Date.parse('2026-01-01T00:00:00Z');
  db.prepare("INSERT OR IGNORE INTO sites (id, created_at) VALUES ('default', ?)").run(now);
  const thread = db.prepare("INSERT INTO threads (site_id, page, title, approved_count, created_at) VALUES ('default', ?, ?, ?, ?) RETURNING id").pluck();
  const comment = db.prepare(`INSERT INTO comments
    (thread_id, parent_id, root_id, depth, status, text, html, author_name, author_email, author_url, avatar_key, ip, created_at, likes)
    VALUES (?, NULL, 0, 1, 'approved', ?, ?, ?, ?, ?, ?, '127.0.0.1', ?, ?)`);
  const setRoot = db.prepare('UPDATE comments SET root_id = id WHERE root_id = 0');
  const body = 'A thoughtful comment about the post, with *some* Markdown and a sentence or two more to be realistic.';
  db.transaction(() => {
    for (let t = 0; t < options.threads; t++) {
      const id = thread.get(`${options.prefix}${t}/`, `Post ${t}`, options.perThread, now) as number;
      for (let c = 0; c < options.perThread; c++) {
        const at = now + c * 60_000;
        comment.run(
          id,
          body,
          `<p>${body.replace('*some*', '<em>some</em>')}</p>`,
          `Reader ${c}`,
          `reader${c}@example.com`,
          c % 3 ? '' : `https://reader${c}.example.com/`,
          (c % 1000).toString(16).padStart(32, '0'),
          at,
          c % 7,
        );
      }
    }
    setRoot.run();
  })();
}

export function openSeeded(path: string): Db {
  return openDatabase(path);
}
