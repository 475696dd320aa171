import { afterAll, expect, test } from 'vitest';
import { openPostgres } from '../../server/db/pg/database.ts';
import { createPgRepos } from '../../server/db/pg/repos.ts';
import type { NewComment, Repos } from '../../server/db/types.ts';
import { createWebhookRecorder } from '../../server/webhooks/recorder.ts';

/**
 * Two servers on one PostgreSQL database each hear every change (LISTEN/NOTIFY), but only the
 * one that made a change records its webhook: a comment is announced once, not once per server.
 */
const schema = `webhooks_${process.pid}`;
const opened: Repos[] = [];
afterAll(async () => {
  for (const repos of opened) await repos.close();
});

const server = () => {
  // Set by tests/helpers/pg-file-setup.ts before the file's tests run.
  const url = process.env.PARLEY_TEST_PG_URL!;
  const repos = createPgRepos(openPostgres(url, { poolSize: 2, schema }), url, { schema });
  opened.push(repos);
  const recorder = createWebhookRecorder({
    repos,
    targets: [{ url: 'https://receiver.example/hook', format: 'json' }],
    context: { pageBase: 'https://blog.example', serverUrl: 'https://comments.example' },
    clock: Date.now,
    log: () => {},
  });
  return { repos, recorder };
};

const comment = (text: string): NewComment => ({
  siteId: 'default',
  page: '/two-servers/',
  title: 'Two servers',
  parentId: null,
  status: 'approved',
  text,
  html: `<p>${text}</p>`,
  authorName: 'Ada',
  authorEmail: 'ada@example.com',
  authorUrl: '',
  avatarKey: 'k',
  accountId: null,
  isModerator: false,
  ip: '127.0.0.1',
  userAgent: 'test',
  editTokenHash: 'hash',
  notify: false,
  createdAt: Date.now(),
  maxDepth: 5,
});

test('a comment posted and deleted through one of two servers is recorded for webhooks once each', async () => {
  const a = server();
  await a.repos.sites.secret(); // the schema is ready before the second server opens it
  const b = server();
  await Promise.all(opened.map((repos) => (repos.changes as unknown as { listening: Promise<void> }).listening));
  const heardByB = (type: string) =>
    new Promise<void>((resolve) => {
      const stop = b.repos.changes.subscribe((change) => {
        if (change.type === type) {
          expect(change.remote).toBe(true);
          stop();
          resolve();
        }
      });
    });
  const created = heardByB('created');
  const posted = await a.repos.comments.postComment(comment('Once only'));
  await created;
  // A deletion has no once-per-comment key: only the remote mark keeps the second server from recording it too.
  const deleted = heardByB('deleted');
  await a.repos.comments.deleteComment(posted.comment.id);
  await deleted;
  await Promise.all([a.recorder.flush(), b.recorder.flush()]);
  const listed = await a.repos.webhooks.list({ limit: 10 });
  expect(listed.map((d) => d.event)).toEqual(['comment.deleted', 'comment.created']);
  const claimed = await b.repos.webhooks.claim(Date.now(), 60_000, 5);
  expect(claimed.map((d) => JSON.parse(d.payload).comment.id)).toEqual([posted.comment.id, posted.comment.id]);
});
