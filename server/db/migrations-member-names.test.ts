import { describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, migrations } from './migrations.ts';
import { memberNames } from './migrations/008-member-names.ts';

describe('the member-names migration', () => {
  test("holds the names of the accounts and moderators already there, folded, and no guest's", () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, migrations.indexOf(memberNames)));
    db.prepare("INSERT INTO sites (id, created_at) VALUES ('blog', 1)").run();
    db.prepare("INSERT INTO threads (site_id, page, created_at) VALUES ('blog', '/p/', 1)").run();
    const comment = db.prepare(`INSERT INTO comments (thread_id, root_id, depth, status, text, html, author_name, account_id, created_at)
      VALUES (1, 1, 1, 'approved', 'x', 'x', ?, ?, 1)`);
    comment.run('Grace Hopper', 7);
    comment.run('Just A Guest', null);
    db.prepare("INSERT INTO moderators (email, name, password_hash, created_at, updated_at) VALUES ('m@example.com', 'Alice Modérator', 'x', 1, 1)").run();
    expect(migrate(db)).toBe(migrations.length);
    expect(db.prepare('SELECT site_id, name_key FROM member_names ORDER BY site_id').all()).toEqual([
      { site_id: '*', name_key: 'allcemoderator' },
      { site_id: 'blog', name_key: 'gracehopper' },
    ]);
  });
});
