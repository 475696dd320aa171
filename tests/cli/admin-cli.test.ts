import { afterEach, describe, expect, test } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/server.ts';
import { openDatabase } from '../../server/db/open.ts';
import { verifyPassword } from '../../server/auth/password.ts';

const ROOT = join(import.meta.dirname, '..', '..');
// As `npm run admin` runs it: compiled, under plain node.
const CLI = join(ROOT, 'dist', 'server', 'cli', 'admin.js');
const dirs: Array<{ cleanup(): void }> = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.cleanup();
});

function database() {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, 'parley.db');
}

/** Runs `npm run admin -- ARGS` (the same script) with `input` on standard input. */
function admin(db: string, args: string[], input = '') {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input, env: { ...process.env, DATABASE_PATH: db }, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const moderators = (db: string) => {
  const handle = openDatabase(db);
  try {
    return handle.prepare('SELECT email, name, password_hash FROM moderators').all() as Array<{ email: string; name: string; password_hash: string }>;
  } finally {
    handle.close();
  }
};

describe('npm run admin', () => {
  test('create reads the password from the first line of stdin and stores only its scrypt hash', async () => {
    const db = database();
    const created = admin(db, ['create', 'Jane@Example.com', '--name', 'Jane'], 'a long passphrase\nignored second line\n');
    expect(created).toMatchObject({ code: 0, out: 'Created moderator jane@example.com. Sign in at /admin.\n' });
    const [row] = moderators(db);
    expect(row).toMatchObject({ email: 'jane@example.com', name: 'Jane' });
    expect(row!.password_hash).toMatch(/^scrypt\$15\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('a long passphrase', row!.password_hash)).toBe(true);
  });

  test('list shows every moderator; reset-password sets a new password', async () => {
    const db = database();
    expect(admin(db, ['list']).out).toContain('No moderators yet');
    admin(db, ['create', 'b@example.com'], 'first password\n');
    admin(db, ['create', 'a@example.com'], 'other password\n');
    const list = admin(db, ['list']);
    expect(list.code).toBe(0);
    expect(
      list.out
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t')[0]),
    ).toEqual(['a@example.com', 'b@example.com']);
    expect(list.out).toContain('never signed in');
    const reset = admin(db, ['reset-password', 'b@example.com'], 'second password\n');
    expect(reset).toMatchObject({ code: 0, out: 'Set a new password for b@example.com; their sessions have ended.\n' });
    const hash = moderators(db).find((m) => m.email === 'b@example.com')!.password_hash;
    expect(await verifyPassword('second password', hash)).toBe(true);
    expect(await verifyPassword('first password', hash)).toBe(false);
  });

  test.each([
    [['create', 'not-an-email'], 'long enough pw\n', 1, /"not-an-email" is not an email address/],
    [['create', 'x@example.com'], 'short\n', 1, /the password must be at least 10 characters long/],
    [['create', 'x@example.com'], '', 1, /the password must be at least 10/],
    [['reset-password', 'nobody@example.com'], 'long enough pw\n', 1, /there is no moderator with the email nobody@example.com/],
    [['frobnicate'], '', 2, /Usage:/],
    [[], '', 2, /Usage:/],
  ])('%j fails with a message and the right exit code', (args, input, code, message) => {
    const db = database();
    const result = admin(db, args, input);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
    if (existsSync(db)) expect(moderators(db)).toEqual([]);
  });

  test('creating the same email twice is refused', () => {
    const db = database();
    admin(db, ['create', 'a@example.com'], 'first password\n');
    const again = admin(db, ['create', 'A@example.com'], 'first password\n');
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
  });

  test.skipIf(!existsSync('/usr/bin/script'))('on a terminal it prompts twice without echoing the password', async () => {
    const db = database();
    const command = `${process.execPath} ${CLI} create tty@example.com`;
    const child = spawn('/usr/bin/script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: db } });
    let output = '';
    let prompts = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const seen = (output.match(/Password( again)?: /g) ?? []).length;
      if (seen > prompts) {
        prompts = seen;
        child.stdin.write('typed secretly\r');
      }
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(output).toContain('Password: ');
    expect(output).toContain('Password again: ');
    expect(output).not.toContain('typed secretly');
    expect(await verifyPassword('typed secretly', moderators(db)[0]!.password_hash)).toBe(true);
  });
});
