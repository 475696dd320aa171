import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { freePort, linkAfter, rawHeader, startSmtpServer, type SmtpServer } from '../helpers/smtp.ts';
import { area, openHost, postAsGuest, startBlog, type Blog } from './host.ts';
import { createModerator, postComment } from './admin-helpers.ts';

const TITLE = 'Mail Post';

describe.skipIf(!chromiumPath)('email end to end: the real server, a real SMTP server on loopback, Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  let blog: Blog;
  let smtp: SmtpServer;
  const dir = tempDir();
  const databasePath = join(dir.path, 'parley.db');

  beforeAll(async () => {
    blog = await startBlog();
    smtp = await startSmtpServer();
    await createModerator(databasePath);
    const port = await freePort();
    server = await startServer({
      DATABASE_PATH: databasePath,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SITE_ORIGINS: blog.origin,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Blog comments <comments@blog.example>',
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
    await blog?.close();
    dir.cleanup();
  });

  /** Opens a link from a mail in a tab, checks the page, and presses its button. */
  async function press(link: string, expectText: string, button: string, outcome: string) {
    const tab = await browser.newPage();
    await tab.goto(link);
    await tab.getByText(expectText).waitFor();
    await tab.getByRole('button', { name: button }).click();
    await tab.getByText(outcome).waitFor();
    await tab.close();
  }

  /** A comment from another reader, through the API as the widget sends it (from the blog's origin). */
  const comment = (page: string, text: string, author: { name: string; email: string }, extra: Record<string, unknown> = {}) =>
    postComment(server.url, { page, title: TITLE, text, author, ...extra }, { Origin: blog.origin });

  test('a guest ticks the box → confirms from the mail → gets exactly one mail for the next comment → unsubscribes → gets nothing more', async () => {
    const page = '/2026/mail/subscribe/';
    // Dan, already subscribed, tells us when the sender has dealt with a comment.
    await comment(page, 'Dan starts', { name: 'Dan', email: 'dan@example.com' }, { notify: true });
    await press(
      linkAfter((await smtp.waitFor(1, 'dan@example.com'))[0]!, 'Confirm your subscription'),
      'Confirm your subscription',
      'Confirm subscription',
      'You are subscribed',
    );

    const guest: Page = await openHost(await browser.newContext(), blog, server, { page, title: TITLE });
    const box = area(guest).getByLabel('Notify me of new comments via email.');
    await box.check();
    await postAsGuest(guest, { text: 'Tell me when someone answers', name: 'Ada', email: 'ada@example.com' });
    await area(guest).getByText('Tell me when someone answers').waitFor();

    const [confirm] = await smtp.waitFor(1, 'ada@example.com');
    expect(confirm!.parsed.subject).toBe(`Confirm your subscription to comments on “${TITLE}”`);
    await press(linkAfter(confirm!, 'Confirm your subscription'), `new comments on “${TITLE}”`, 'Confirm subscription', 'You are subscribed');

    const bob = await comment(page, 'Bob answers Ada', { name: 'Bob', email: 'bob@example.com' });
    expect(bob.status).toBe(201);
    const [, notice] = await smtp.waitFor(2, 'ada@example.com');
    await smtp.waitFor(3, 'dan@example.com');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.to('ada@example.com')).toHaveLength(2);
    expect(notice!.parsed.subject).toBe(`New comment on “${TITLE}”`);
    expect(notice!.parsed.text).toContain('> Bob answers Ada');
    expect(notice!.parsed.text).toContain(`${blog.origin}${page}#comment-${bob.body.comment.id}`);
    expect(notice!.parsed.html).toContain('<p>Bob answers Ada</p>');
    expect(rawHeader(notice!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    await press(linkAfter(notice!, 'Unsubscribe'), 'Stop mails about new comments', 'Unsubscribe', 'You are unsubscribed');
    await comment(page, 'Carol, later', { name: 'Carol', email: 'carol@example.com' });
    await smtp.waitFor(4, 'dan@example.com');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.to('ada@example.com')).toHaveLength(2);
    await guest.close();
  });

  test('a held comment mails the moderator; the Approve link publishes it without signing in', async () => {
    const page = '/2026/mail/held/';
    // Two links make the default rules hold a comment.
    const held = await comment(page, 'See https://a.example and https://b.example', { name: 'Gus', email: 'gus@example.com' });
    expect(held.status).toBe(202);
    const [mail] = await smtp.waitFor(1, 'mod@example.com');
    expect(mail!.parsed.subject).toBe(`Comment awaiting moderation on “${TITLE}”`);
    expect(mail!.parsed.text).toContain('Why it is held:');
    const thread = async () => (await (await fetch(`${server.url}/api/comments?page=${page}`)).json()) as { comments: Array<{ id: number }> };
    expect((await thread()).comments).toEqual([]);

    await press(linkAfter(mail!, 'Approve it'), 'Approve this comment?', 'Approve', 'The comment is approved and published.');
    expect((await thread()).comments.map((c) => c.id)).toEqual([held.body.comment.id]);
  });
});
