import { eventReader } from '../helpers/sse.ts';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import pg from 'pg';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { startSmtpServer, type SmtpServer } from '../helpers/smtp.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { openPostgres } from '../../server/db/pg/database.ts';
import { createPgRepos } from '../../server/db/pg/repos.ts';

/**
 * Two real Parley processes on one PostgreSQL database behave as one site:
 * live events and cached reads follow writes made through the other, the mail
 * outbox is drained once, and nothing acknowledged is lost on kill -9.
 */
const SECRET = 'the-same-secret-on-every-server-0123456789';
const PAGE = '/two/';
let url = '';
let smtp: SmtpServer;
const servers: RunningServer[] = [];

const start = async () => {
  const server = await startServer(
    {
      DATABASE_URL: url,
      SECRET,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Comments <c@blog.example>',
      PUBLIC_URL: 'http://127.0.0.1',
      DATABASE_POOL_SIZE: '4',
    },
    { timeoutMs: 90_000 },
  );
  servers.push(server);
  return server;
};

const post = async (server: RunningServer, text: string) => {
  const response = await fetch(`${server.url}/api/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ page: PAGE, title: 'Two', text, author: { name: 'Ada', email: 'ada@example.com' } }),
  });
  return { status: response.status, body: (await response.json()) as any };
};

const thread = async (server: RunningServer) =>
  ((await (await fetch(`${server.url}/api/comments?page=${PAGE}`)).json()) as any).comments as Array<{ id: number; html: string }>;

/** Reads server-sent events from `server` until `until` returns true for one of them. */
async function events(server: RunningServer, until: (event: string, data: any) => boolean, onReady: () => Promise<void>) {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/api/events?page=${PAGE}`, { signal: controller.signal });
  const stream = eventReader(response);
  let ready = false;
  try {
    for (;;) {
      const { event, data } = await stream.next();
      if (event === 'ready' && !ready) {
        ready = true;
        await onReady();
      } else if (until(event, data)) return { event, data };
    }
  } finally {
    controller.abort();
  }
}

beforeAll(async () => {
  const admin = inject('pgUrl');
  const database = `two_servers_${process.pid}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${database}`);
  await client.end();
  url = admin.replace(/\/postgres$/, `/${database}`);
  smtp = await startSmtpServer();
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await smtp?.close();
});

describe('two Parley servers on one PostgreSQL database', () => {
  test("a comment posted through one appears in the other's live stream and cached reads; the outbox is drained once; kill -9 loses nothing acknowledged", async () => {
    // A moderator to mail about held comments, and a site that holds the second comment onwards for review.
    const db = openPostgres(url, { poolSize: 2 });
    const repos = createPgRepos(db, url);
    await db.ready;
    await repos.moderators.create({ email: 'mo@example.com', name: 'Mo', passwordHash: await hashPassword('correct horse battery staple'), now: Date.now() });

    const [a, b] = await Promise.all([start(), start()]);
    expect(await thread(b)).toEqual([]); // now cached by b

    let posted: Awaited<ReturnType<typeof post>> | undefined;
    const seen = await events(
      b,
      (event, data) => event === 'comment' && data.id === posted?.body.comment.id,
      async () => {
        posted = await post(a, 'Hello from server A');
      },
    );
    expect(posted!.status).toBe(201);
    expect(seen.data.html).toContain('Hello from server A');
    // b's cached read of the thread was forgotten when a announced the comment.
    expect((await thread(b)).map((c) => c.id)).toEqual([posted!.body.comment.id]);

    // A held comment: its mail to the moderator is sent once, by one of the two servers' senders.
    await repos.sites.saveSettings('default', { moderation: 'all' }, Date.now());
    const held = await post(b, 'Held for review');
    expect(held.status).toBe(202);
    for (let waited = 0; smtp.received.length < 1 && waited < 30_000; waited += 200) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 3000));
    expect(smtp.received.filter((m) => m.envelope.to.includes('mo@example.com'))).toHaveLength(1);

    // kill -9 right after an acknowledged post: it is there when the server comes back; a deleted id is never given again.
    await repos.sites.saveSettings('default', { moderation: 'open' }, Date.now());
    const last = await post(a, 'Acknowledged, then the process dies');
    expect(last.status).toBe(201);
    await a.stop({ kill: true });
    const again = await start();
    expect((await thread(again)).map((c) => c.id)).toContain(last.body.comment.id);
    const token = last.body.editToken as string;
    expect((await fetch(`${again.url}/api/comments/${last.body.comment.id}`, { method: 'DELETE', headers: { 'X-Parley-Token': token } })).status).toBe(204);
    const next = await post(again, 'After the delete');
    expect(next.body.comment.id).toBeGreaterThan(last.body.comment.id);
    await repos.close();
  }, 240_000);
});
