/**
 * The real server (compiled, as `npm start` runs it) loads what readers reach on every page at
 * start, and the rest on first use: comment Markdown, the moderators' API, sign-in, the feed,
 * the mail links, the PostgreSQL engine. Each answers on its first request as it
 * did when loaded at start. The modules are listed by tests/helpers/loaded-modules.mjs.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';

const HOOK = join(import.meta.dirname, '..', 'helpers', 'loaded-modules.mjs');
const dir = tempDir();
const list = join(dir.path, 'modules.txt');
let server: RunningServer;

/** The server's own modules (`routes/admin.js`) and packages (`markdown-it`) loaded so far. */
function loaded(): Set<string> {
  const names = new Set<string>();
  for (const url of readFileSync(list, 'utf8').split('\n')) {
    const own = /\/dist\/server\/(.+)$/.exec(url)?.[1];
    const pkg = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
    if (own) names.add(own);
    if (pkg) names.add(pkg);
  }
  return names;
}

const LATER = ['routes/admin.js', 'routes/auth.js', 'routes/feed.js', 'routes/mail.js'];
/** Comment Markdown: loaded by the first post or preview (server/content/render.ts). */
const MARKDOWN = ['content/markdown.js', 'markdown-it', 'sanitize-html'];

beforeAll(async () => {
  server = await startServer({ DATABASE_PATH: join(dir.path, 'parley.db'), PARLEY_MODULE_LIST: list, NODE_OPTIONS: `--import=${HOOK}` });
});
afterAll(async () => {
  await server?.stop();
  dir.cleanup();
});

describe('what the server loads on first use', () => {
  test("at start: the readers' routes, none of the moderators' API, sign-in, feed, mail links or PostgreSQL", () => {
    const names = loaded();
    expect(names).toContain('routes/comments.js');
    expect(names).toContain('routes/counts.js');
    for (const name of [...LATER, ...MARKDOWN, 'pg', 'db/pg/repos.js', 'nodemailer']) expect(names, name).not.toContain(name);
  });

  test('each part answers its first request as before, and is loaded then', async () => {
    const post = await fetch(`${server.url}/api/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ page: '/first-use/', title: 'First use', text: 'Some **bold** words', author: { name: 'Ann', email: 'ann@example.com' } }),
    });
    expect(post.status).toBe(201);
    expect((await post.json()).comment.html).toBe('<p>Some <strong>bold</strong> words</p>');

    const feed = await fetch(`${server.url}/feed.atom?page=/first-use/`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(await feed.text()).toContain('Some &lt;strong&gt;bold&lt;/strong&gt; words');

    const signIn = await fetch(`${server.url}/api/admin/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      body: JSON.stringify({ email: 'nobody@example.com', password: 'not the password' }),
    });
    expect(signIn.status).toBe(401);
    expect((await signIn.json()).error.code).toBe('wrong_password');
    expect(signIn.headers.get('cache-control')).toBe('no-store');
    const unknown = await fetch(`${server.url}/api/admin/no-such-thing`);
    expect(unknown.status).toBe(401);

    const provider = await fetch(`${server.url}/auth/nowhere/start?origin=${encodeURIComponent(server.url)}&page=${encodeURIComponent(`${server.url}/x/`)}`);
    expect(provider.status).toBe(404);
    expect(await provider.text()).toContain('does not offer sign-in with that provider');

    const link = await fetch(`${server.url}/mail/confirm?token=nonsense`);
    expect(link.status).toBe(400);
    expect(await link.text()).toContain('This link does not work');

    const names = loaded();
    for (const name of [...LATER, ...MARKDOWN]) expect(names, name).toContain(name);
    expect(names).not.toContain('pg');
  });

  test('a path under a part loaded on first use that it does not hold is still the plain 404', async () => {
    const response = await fetch(`${server.url}/auth/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found');
  });
});
