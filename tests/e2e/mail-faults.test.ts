import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { freePort, startSmtpServer, type ReceivedMail, type SmtpServer } from '../helpers/smtp.ts';
import { createModerator, postComment, signInAtAdmin } from './admin-helpers.ts';

const MAIL_ENV = { MAIL_FROM: 'Blog comments <comments@blog.example>', SITE_ORIGINS: 'http://blog.example' };
const HELD = { text: 'Two links: https://a.example https://b.example', author: { name: 'Gus', email: 'gus@example.com' } };

/** The outbox rows, read from the database file after the server stopped. */
function outbox(databasePath: string) {
  const db = new Database(databasePath, { readonly: true });
  try {
    return db.prepare('SELECT message_id, state, attempts FROM mail_outbox ORDER BY id').all() as Array<{
      message_id: string;
      state: string;
      attempts: number;
    }>;
  } finally {
    db.close();
  }
}

describe('email faults, through the real server process', () => {
  const dir = tempDir();
  let servers: RunningServer[] = [];
  let smtp: SmtpServer | undefined;
  afterEach(async () => {
    for (const server of servers) await server.stop();
    servers = [];
    await smtp?.close();
    smtp = undefined;
  });
  afterAll(() => dir.cleanup());
  const start = async (env: Record<string, string>) => {
    const server = await startServer(env);
    servers.push(server);
    return server;
  };

  test('SMTP down when the comment is posted: still 201, and the mail goes out once the SMTP server is back', async () => {
    const databasePath = join(dir.path, 'down.db');
    const port = await freePort();
    const server = await start({ DATABASE_PATH: databasePath, SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_RETRY_SECONDS: '1', ...MAIL_ENV });
    const posted = await postComment(server.url, { text: 'Mail me later', notify: true, author: { name: 'Ada', email: 'ada@example.com' } });
    expect(posted.status).toBe(201);
    // A failed attempt or two go by (1 s, then 2 s apart) before the server comes up.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    smtp = await startSmtpServer({ port });
    const [mail] = await smtp.waitFor(1, 'ada@example.com', 20_000);
    expect(mail!.parsed.subject).toBe('Confirm your subscription to comments on “A post”');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.received).toHaveLength(1);
  });

  /**
   * Guarantee under test: when the sender dies after the SMTP server has the whole message and before
   * the outbox records it as sent, the restarted server sends it again once the lease runs out —
   * exactly one more copy, carrying the same Message-ID (and Date, subject and body) — and then marks it
   * sent. SMTP cannot do better: the acknowledgement itself can be lost. So: at least once, at most one
   * duplicate per crash, and the duplicate is recognisably the same message.
   */
  test('the sender killed between sending and marking: one resend after restart, with the same Message-ID, then nothing', async () => {
    const databasePath = join(dir.path, 'crash.db');
    await createModerator(databasePath);
    const arrived: ReceivedMail[] = [];
    let first: RunningServer | undefined;
    smtp = await startSmtpServer({
      async beforeAccept(mail) {
        arrived.push(mail);
        // The first time, the whole message is here: kill Parley before it can hear the 250 and mark the row.
        if (arrived.length === 1) await first!.stop({ kill: true });
      },
    });
    const env = { DATABASE_PATH: databasePath, SMTP_URL: smtp.url, MAIL_LEASE_SECONDS: '3', ...MAIL_ENV };
    first = await start(env);
    expect((await postComment(first.url, HELD)).status).toBe(202);
    await expect.poll(() => first!.process.signalCode, { timeout: 15_000 }).toBe('SIGKILL');
    expect(arrived).toHaveLength(1);
    expect(outbox(databasePath)).toEqual([expect.objectContaining({ state: 'queued', attempts: 1 })]);

    await start(env);
    await expect.poll(() => arrived.length, { timeout: 15_000 }).toBe(2);
    expect(arrived[1]!.parsed.messageId).toBe(arrived[0]!.parsed.messageId);
    expect(arrived[1]!.parsed.date).toEqual(arrived[0]!.parsed.date);
    expect(arrived[1]!.parsed.subject).toBe(arrived[0]!.parsed.subject);
    expect(arrived[1]!.parsed.text).toBe(arrived[0]!.parsed.text);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(arrived).toHaveLength(2);
    await servers.at(-1)!.stop();
    expect(outbox(databasePath)).toEqual([{ message_id: arrived[0]!.parsed.messageId, state: 'sent', attempts: 2 }]);
  });

  test.skipIf(!chromiumPath)('a mail that keeps failing is shown as failed in the admin view, and Retry sends it', async () => {
    const databasePath = join(dir.path, 'failed.db');
    await createModerator(databasePath);
    const port = await freePort();
    const server = await start({ DATABASE_PATH: databasePath, SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_MAX_ATTEMPTS: '1', ...MAIL_ENV });
    expect((await postComment(server.url, HELD)).status).toBe(202);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await signInAtAdmin(page, server.url);
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Mail' }).click();
      await expect
        .poll(
          async () => {
            await page.getByRole('button', { name: 'Refresh' }).click();
            return page.getByText('1 failed').count();
          },
          { timeout: 15_000 },
        )
        .toBe(1);
      const row = page.getByRole('row', { name: /Moderation/ });
      expect(await row.textContent()).toContain('Comment awaiting moderation on “A post”');
      smtp = await startSmtpServer({ port });
      await row.getByRole('button', { name: /^Retry mail/ }).click();
      await page.getByText('The mail is queued again.').waitFor();
      await smtp.waitFor(1, 'mod@example.com');
    } finally {
      await browser.close();
    }
  });
});
