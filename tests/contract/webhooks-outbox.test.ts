/**
 * The webhook outbox is as durable as mail's: an event is written in the transaction of the write
 * that causes it, so a server that stops right after answering loses nothing; a delivery whose
 * sender died is sent again, with the same X-Parley-Delivery; and the background sender never
 * holds up a comment's request, even when a receiver never answers.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { createApp } from '../../server/app.ts';
import { openDatabase } from '../../server/db/open.ts';
import { createRepos } from '../../server/db/repos.ts';
import { openPostgres } from '../../server/db/pg/database.ts';
import { createPgRepos } from '../../server/db/pg/repos.ts';
import type { Repos } from '../../server/db/types.ts';
import { createWebhookRecorder } from '../../server/webhooks/recorder.ts';
import { createWebhookSender } from '../../server/webhooks/sender.ts';
import { startWebhooks } from '../../server/webhooks/start.ts';
import { createTestApp } from '../helpers/test-app.ts';
import { tempDir } from '../helpers/server.ts';
import { BLOG, createWebhookTestApp, SERVER, WEBHOOK_SECRET, type WebhookTestApp } from '../helpers/webhook-app.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

let receiver: WebhookReceiver;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await receiver.close();
});

const guest = (text: string) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Origin: BLOG },
  body: JSON.stringify({ page: '/post/', title: 'A post', text, author: { name: 'Ada', email: 'ada@example.com' } }),
});

/** One database that outlives the servers on it: a SQLite file, or a PostgreSQL schema of its own. */
function lastingDatabase() {
  const url = process.env.PARLEY_TEST_PG_URL;
  const folder = tempDir();
  const schema = `outbox_${process.pid}_${Date.now().toString(36)}`;
  const opened: Repos[] = [];
  return {
    open(): Repos {
      const repos = url
        ? createPgRepos(openPostgres(url, { poolSize: 2, schema }), url, { schema })
        : createRepos(openDatabase(join(folder.path, 'parley.db')));
      opened.push(repos);
      return repos;
    },
    async cleanup() {
      await Promise.all(opened.map((repos) => repos.close().catch(() => {})));
      folder.cleanup();
    },
  };
}

/** A Parley server on `repos` with webhooks to the receiver: the app, its recorder, and a sender driven by `pass()`. */
function webhookServer(repos: Repos) {
  const config = loadConfig({
    RATE_LIMIT_PER_MINUTE: '0',
    GRAVATAR_URL: 'off',
    WEBHOOK_SECRET,
    SITE_ORIGINS: BLOG,
    PUBLIC_URL: SERVER,
    WEBHOOK_URLS: receiver.url,
  });
  const app = createApp({ config, repos, secret: 's'.repeat(48), log: () => {} });
  const recorder = createWebhookRecorder({
    repos,
    targets: config.webhooks!.targets,
    context: { pageBase: BLOG, serverUrl: SERVER },
    clock: Date.now,
    log: () => {},
  });
  const sender = createWebhookSender({ outbox: repos.webhooks, secret: WEBHOOK_SECRET, allowPrivate: false, clock: Date.now, log: () => {} });
  return { app, recorder, sender };
}

describe('webhooks: the outbox survives the server', () => {
  test('a comment’s delivery is written with the comment: a server that stops right after answering loses nothing, the next one sends it', async () => {
    const database = lastingDatabase();
    try {
      const repos = database.open();
      const first = webhookServer(repos);
      const posted = await first.app.request('/api/comments', guest('Written with the comment'));
      expect(posted.status).toBe(201);
      const { comment } = (await posted.json()) as { comment: { id: number } };
      // The process ends with its answer: nothing it still held in memory survives.
      void repos.close();

      const second = webhookServer(database.open());
      await second.recorder.flush();
      expect(await second.sender.pass()).toEqual({ sent: 1, unsent: 0 });
      expect(receiver.calls.map((c) => c.headers['x-parley-event'])).toEqual(['comment.created']);
      expect(JSON.parse(receiver.calls[0]!.body).comment).toMatchObject({ id: comment.id, text: 'Written with the comment' });
      await second.recorder.stop();
      await second.sender.stop();
    } finally {
      await database.cleanup();
    }
  });

  test('a delivery whose sender died holding its lease is sent again once the lease runs out, with the same X-Parley-Delivery', async () => {
    const t: WebhookTestApp = createWebhookTestApp({ WEBHOOK_URLS: receiver.url });
    try {
      await t.commentFrom({ text: 'Leased and lost' });
      await t.recorder.flush();
      // A sender claims it and dies before it has sent anything.
      const [claimed] = await t.repos.webhooks.claim(t.time.now, 60_000, 10);
      expect(claimed).toBeDefined();
      expect(await t.deliver()).toEqual({ sent: 0, unsent: 0 });
      t.time.now += 60_000;
      expect(await t.deliver()).toEqual({ sent: 1, unsent: 0 });
      expect(receiver.calls.map((c) => c.headers['x-parley-delivery'])).toEqual([claimed!.deliveryId]);
      expect(await t.deliver()).toEqual({ sent: 0, unsent: 0 });
    } finally {
      await t.stop();
    }
  });
});

/** A receiver on loopback that takes each request and never answers it (until it is closed). */
async function startSilentReceiver() {
  const arrived: IncomingMessage[] = [];
  let notify: () => void = () => {};
  const first = new Promise<void>((resolve) => (notify = resolve));
  const sockets = new Set<Socket>();
  const server: Server = createServer((request) => {
    arrived.push(request);
    notify();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/silent`,
    arrived,
    /** Resolves when the first request has come in. */
    first,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('webhooks: never on a comment’s path', () => {
  test('with the real background sender stuck on a receiver that never answers, comments are still answered', async () => {
    const silent = await startSilentReceiver();
    const t = createTestApp({ WEBHOOK_SECRET, SITE_ORIGINS: BLOG, PUBLIC_URL: SERVER, WEBHOOK_URLS: silent.url });
    // As main.ts starts them: the recorder and the sender running in the background.
    const webhooks = startWebhooks({ config: t.config, repos: t.repos, secret: 's'.repeat(48), fallbackUrl: SERVER });
    const order: string[] = [];
    try {
      const first = await t.comment({ text: 'First' }, { Origin: BLOG });
      expect(first.status).toBe(201);
      order.push('first answered');
      await silent.first;
      order.push('delivery waiting');
      const second = await t.comment({ text: 'Second' }, { Origin: BLOG });
      expect(second.status).toBe(201);
      order.push('second answered');
      // The first delivery is still in the receiver's hands (it has 10 s), unanswered, while both comments were.
      expect(silent.arrived).toHaveLength(1);
      expect(order).toEqual(['first answered', 'delivery waiting', 'second answered']);
    } finally {
      await silent.close();
      await webhooks.stop();
    }
  });
});
