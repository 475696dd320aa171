import { afterEach, describe, expect, test } from 'vitest';
import { createMailTestApp, type MailTestApp } from '../helpers/mail-app.ts';
import { freePort, startSmtpServer, type SmtpServer } from '../helpers/smtp.ts';
import { signIn } from '../helpers/admin.ts';
import { smtpTransport } from '../../server/mail/transport.ts';

const MINUTE = 60_000;

/** A held comment on a site that holds everything: one moderator mail to queue. */
async function queueModeratorMail(t: MailTestApp) {
  await t.repos.sites.saveSettings('default', { moderation: 'all' }, t.time.now);
  const admin = await signIn(t, 'mod@example.com');
  const posted = await t.commentFrom({ text: `Held ${Math.random()}`, author: { name: 'Gus', email: 'gus@example.com' } });
  expect(posted.status).toBe(202);
  return admin;
}

describe('the outbox: retries with back-off, failure, leases', () => {
  let t: MailTestApp;
  let smtp: SmtpServer | undefined;
  afterEach(async () => {
    await t.sender.stop();
    await smtp?.close();
    smtp = undefined;
  });

  test('SMTP down: the comment is still accepted; attempts back off (1 min, then 2), and the mail goes once the server is back', async () => {
    const port = await freePort();
    t = createMailTestApp(`smtp://127.0.0.1:${port}`);
    const admin = await queueModeratorMail(t);
    expect(await t.send()).toEqual({ sent: 0, unsent: 1 });
    expect((await admin.get('/mail')).body.counts).toMatchObject({ queued: 1, sent: 0, failed: 0 });
    t.time.now += MINUTE - 1000;
    expect(await t.send()).toEqual({ sent: 0, unsent: 0 });
    t.time.now += 1000;
    expect(await t.send()).toEqual({ sent: 0, unsent: 1 });

    smtp = await startSmtpServer({ port });
    t.time.now += 2 * MINUTE - 1000;
    expect(await t.send()).toEqual({ sent: 0, unsent: 0 });
    expect(smtp.received).toHaveLength(0);
    t.time.now += 1000;
    expect(await t.send()).toEqual({ sent: 1, unsent: 0 });
    expect(smtp.received.map((m) => m.envelope.to)).toEqual([['mod@example.com']]);
    expect((await admin.get('/mail')).body.counts).toEqual({ queued: 0, sending: 0, sent: 1, failed: 0 });
    expect(await t.send()).toEqual({ sent: 0, unsent: 0 });
  });

  test('after MAIL_MAX_ATTEMPTS the mail is marked failed, listed in the admin API, and can be retried', async () => {
    const port = await freePort();
    t = createMailTestApp(`smtp://127.0.0.1:${port}`, { MAIL_MAX_ATTEMPTS: '3', MAIL_RETRY_SECONDS: '10' });
    const admin = await queueModeratorMail(t);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await t.send()).toEqual({ sent: 0, unsent: 1 });
      t.time.now += 10 * 60_000;
    }
    expect(await t.send()).toEqual({ sent: 0, unsent: 0 });
    const answer = (await admin.get('/mail')).body;
    expect(answer.counts).toMatchObject({ queued: 0, failed: 1 });
    expect(answer.failed).toEqual([
      expect.objectContaining({
        kind: 'held',
        recipient: 'mod@example.com',
        subject: 'Comment awaiting moderation on “A post”',
        attempts: 3,
        lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
      }),
    ]);

    smtp = await startSmtpServer({ port });
    expect((await admin.post(`/mail/${answer.failed[0].id}/retry`, {})).status).toBe(200);
    expect((await admin.post(`/mail/${answer.failed[0].id}/retry`, {})).status).toBe(404);
    expect(await t.send()).toEqual({ sent: 1, unsent: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  test('a permanent refusal (5xx) fails the mail at once; credentials in SMTP_URL are used', async () => {
    smtp = await startSmtpServer({ reject: { code: 550, message: 'No such user here' } });
    t = createMailTestApp(smtp.url);
    const admin = await queueModeratorMail(t);
    expect(await t.send()).toEqual({ sent: 0, unsent: 1 });
    const { failed } = (await admin.get('/mail')).body;
    expect(failed).toEqual([expect.objectContaining({ attempts: 1, lastError: expect.stringContaining('550') })]);
    await t.sender.stop();
    await smtp.close();

    smtp = await startSmtpServer({ auth: { user: 'parley', pass: 'p@ss word' } });
    expect(smtp.url).toContain('parley:p%40ss%20word@');
    t = createMailTestApp(smtp.url);
    await queueModeratorMail(t);
    expect(await t.send()).toEqual({ sent: 1, unsent: 0 });
  });

  /**
   * What is guaranteed when a sender dies after the SMTP server accepted a message and before the
   * outbox recorded it: the message stays claimed until its lease runs out (no one resends it early),
   * then it is sent once more — the same Message-ID, Date, subject and body — and then never again.
   * So the recipient's server gets it at most twice, and both copies are recognisably one message.
   */
  test('a crash between sending and marking: one resend after the lease, with the same Message-ID, and no more', async () => {
    smtp = await startSmtpServer();
    t = createMailTestApp(smtp.url, { MAIL_LEASE_SECONDS: '120' });
    await queueModeratorMail(t);
    await t.repos.mail.jobs.expand(t.composer, t.time.now, 10, () => {});
    // A sender claims the message and hands it to SMTP — and dies before recording it as sent.
    const [claimed] = await t.repos.mail.outbox.claim(t.time.now, 120_000, 10);
    const dying = smtpTransport(t.config.mail!);
    await dying.send(claimed!);
    dying.close();
    expect(smtp.received).toHaveLength(1);

    // Until the lease runs out, no sender touches it.
    t.time.now += 119_000;
    expect(await t.send()).toEqual({ sent: 0, unsent: 0 });
    t.time.now += 1000;
    expect(await t.send()).toEqual({ sent: 1, unsent: 0 });
    const [first, again] = smtp.received;
    expect(again!.parsed.messageId).toBe(first!.parsed.messageId);
    expect(again!.parsed.messageId).toMatch(/^<[A-Za-z0-9_-]+@blog\.example>$/);
    expect(again!.parsed.date).toEqual(first!.parsed.date);
    expect(again!.parsed.subject).toBe(first!.parsed.subject);
    expect(again!.parsed.text).toBe(first!.parsed.text);
    expect(again!.parsed.html).toBe(first!.parsed.html);
    // The late sender's mark is refused (its lease passed on), and nothing is sent a third time.
    expect(await t.repos.mail.outbox.markSent(claimed!, t.time.now)).toBe(false);
    t.time.now += 24 * 3_600_000;
    expect(await t.send()).toEqual({ sent: 0, unsent: 0 });
    expect(smtp.received).toHaveLength(2);
  });
});
