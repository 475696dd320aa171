import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { freePort, linkAfter, startSmtpServer, type SmtpServer } from '../helpers/smtp.ts';
import { area, openHost, startBlog, type Blog } from './host.ts';

const TITLE = 'Email Post';

describe.skipIf(!chromiumPath)('sign-in by email end to end: the real server, a real SMTP server on loopback, Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  let blog: Blog;
  let smtp: SmtpServer;
  const dir = tempDir();

  beforeAll(async () => {
    blog = await startBlog();
    smtp = await startSmtpServer();
    const port = await freePort();
    server = await startServer({
      DATABASE_PATH: join(dir.path, 'parley.db'),
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SITE_ORIGINS: blog.origin,
      SMTP_URL: smtp.url,
      // No EMAIL_SIGN_IN: with mail configured, the form offers sign-in by email by default.
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

  test('a reader asks for a link, opens it from the mail, names the new account, and comments signed in; the tab that asked follows', async () => {
    const context = await browser.newContext();
    const reader = await openHost(context, blog, server, { page: '/2026/email/', title: TITLE });
    const widget = area(reader);
    await widget.getByRole('button', { name: 'Log in with Email' }).click();
    await widget.getByLabel('Email', { exact: true }).fill('ada@example.com');
    await widget.getByRole('button', { name: 'Sign in with email' }).click();
    await widget.getByText('Check your inbox: we sent a sign-in link to ada@example.com.').waitFor();

    const [mail] = await smtp.waitFor(1, 'ada@example.com');
    expect(mail!.parsed.subject).toBe(`Your sign-in link for the comments on ${new URL(blog.origin).host}`);
    const link = linkAfter(mail!, 'Sign in');

    // The mail's link opens in a new tab of the same browser: a page that asks, then the post, signed in.
    const tab = await context.newPage();
    await tab.goto(link);
    await tab.getByText('Sign in as ada@example.com').waitFor();
    // A new account: the page asks for the name its comments show (nothing was typed in this browser's guest form).
    const name = tab.getByLabel('Your name, shown with your comments');
    expect(await name.inputValue()).toBe('');
    await name.fill('Ada Lovelace');
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await area(tab).getByText('You are commenting using your Email account.').waitFor();
    expect(new URL(tab.url()).hash).toBe('');
    expect(tab.url()).toContain('/2026/email/');

    // The first tab hears of the session (localStorage) and shows the reader signed in too.
    await widget.getByText('You are commenting using your Email account.').waitFor();
    await widget.getByRole('textbox', { name: 'Comment', exact: true }).fill('Signed in with a link from my inbox');
    await widget.getByRole('button', { name: 'Post Comment' }).click();
    const posted = widget.locator('article.parley-comment', { hasText: 'Signed in with a link from my inbox' });
    await posted.waitFor();
    expect(await posted.locator('.parley-badge', { hasText: 'Email' }).count()).toBe(1);
    expect(await posted.textContent()).toContain('Ada Lovelace');

    // The link worked once.
    const again = await context.newPage();
    await again.goto(link);
    await again.getByText('This sign-in link is not valid or was already used.').waitFor();
    await context.close();
  });
});
