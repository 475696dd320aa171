/**
 * What mail costs: the extra work in a comment's transaction (mail off, on,
 * on with the box ticked), how long expanding one comment to 1,000
 * subscribers holds the event loop, and how fast the sender drains the outbox
 * into a loopback SMTP server. Run alone: `npx tsx bench/mail.ts`.
 */
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/open.ts';
import { createRepos } from '../server/db/repos.ts';
import { FANOUT_CHUNK } from '../server/db/mail-jobs.ts';
import type { NewComment } from '../server/db/types.ts';
import { createComposer } from '../server/mail/compose.ts';
import { createMailSender } from '../server/mail/sender.ts';
import { smtpTransport } from '../server/mail/transport.ts';
import { tempDir } from '../tests/helpers/server.ts';
import { startSmtpServer } from '../tests/helpers/smtp.ts';

const COMMENTS = 5000;
const SUBSCRIBERS = 1000;
const dir = tempDir('parley-bench-mail-');
const smtp = await startSmtpServer();
const config = loadConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Bench <bench@blog.example>', SITE_ORIGINS: 'https://blog.example' });
const mail = config.mail!;

const comment = (n: number, page: string, notify = false): NewComment => ({
  siteId: 'default',
  page,
  title: 'Bench',
  parentId: null,
  status: 'approved',
  text: `Comment ${n}`,
  html: `<p>Comment ${n}</p>`,
  authorName: `Reader ${n}`,
  authorEmail: `reader${n}@example.com`,
  authorUrl: '',
  avatarKey: `k${n}`,
  accountId: null,
  isModerator: false,
  ip: '127.0.0.1',
  userAgent: '',
  editTokenHash: null,
  notify,
  createdAt: Date.now(),
  maxDepth: 5,
});

async function postRate(label: string, mailOn: boolean, notify: boolean) {
  const db = openDatabase(join(dir.path, `${label}.db`));
  const repos = createRepos(db, { mail: mailOn });
  const start = performance.now();
  for (let n = 0; n < COMMENTS; n++) await repos.comments.postComment(comment(n, `/p${n % 50}/`, notify));
  const ms = performance.now() - start;
  console.log(`postComment, ${label.padEnd(22)} ${((ms * 1000) / COMMENTS).toFixed(1).padStart(6)} µs per comment`);
  db.close();
}

// Each twice, interleaved, so warm-up and disk caches do not favour one.
for (const round of [1, 2]) {
  await postRate(`mail off (${round})`, false, false);
  await postRate(`mail on (${round})`, true, false);
  await postRate(`mail on, box ticked (${round})`, true, true);
}

const db = openDatabase(join(dir.path, 'fanout.db'));
const repos = createRepos(db, { mail: true });
const { thread } = await repos.comments.postComment(comment(0, '/fanout/'));
const subscribe = db.prepare(`INSERT INTO mail_subscriptions (thread_id, email, name, origin, state, requested_at)
  VALUES (?, ?, ?, '', 'active', 0)`);
db.transaction(() => {
  for (let n = 1; n <= SUBSCRIBERS; n++) subscribe.run(thread.id, `sub${n}@example.com`, `Sub ${n}`);
})();
db.exec('UPDATE mail_jobs SET done_at = 0');
await repos.comments.postComment(comment(SUBSCRIBERS + 1, '/fanout/'));
const composer = createComposer({ mail, siteOrigins: config.siteOrigins, serverUrl: 'https://comments.example', secret: 'x'.repeat(32), clock: Date.now });
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
let start = performance.now();
const queued = await repos.mail.jobs.expand(composer, Date.now(), 10, () => {});
loop.disable();
console.log(
  `expanding one comment to ${queued} subscribers: ${(performance.now() - start).toFixed(0)} ms in all,` +
    ` the event loop held at most ${(loop.max / 1e6).toFixed(0)} ms at a time (chunks of ${FANOUT_CHUNK})`,
);

const sender = createMailSender({ mail: repos.mail, composer, transport: smtpTransport(mail), config: mail, clock: Date.now, log: () => {} });
start = performance.now();
const { sent } = await sender.pass();
const seconds = (performance.now() - start) / 1000;
console.log(`sending to a loopback SMTP server: ${sent} mails in ${seconds.toFixed(1)} s = ${(sent / seconds).toFixed(0)} mails/s`);
await sender.stop();
db.close();
await smtp.close();
dir.cleanup();
