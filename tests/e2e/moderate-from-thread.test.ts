import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { freePort, linkAfter, startSmtpServer, type SmtpServer } from '../helpers/smtp.ts';
import { area, openHost, startBlog, type Blog } from './host.ts';
import { createModerator, MOD_EMAIL, postComment, signInAtAdmin } from './admin-helpers.ts';
import { newSession } from '../../server/auth/sessions.ts';
import { openDatabase } from '../../server/db/open.ts';
import { createRepos } from '../../server/db/repos.ts';

const PAGE = '/2026/moderated-here/';
const TITLE = 'Moderated Post';

describe.skipIf(!chromiumPath)('moderating from the thread, in Chromium: a moderator signed in by email', () => {
  let browser: Browser;
  let server: RunningServer;
  let blog: Blog;
  let smtp: SmtpServer;
  const dir = tempDir();
  const databasePath = join(dir.path, 'parley.db');
  const adaSession = newSession(Date.now, 30);

  beforeAll(async () => {
    blog = await startBlog();
    smtp = await startSmtpServer();
    await createModerator(databasePath);
    const db = openDatabase(databasePath);
    const repos = createRepos(db);
    await repos.sites.saveSettings('default', { moderation: 'all' }, Date.now());
    const profile = { provider: 'github', providerUserId: '42', name: 'Ada', email: 'ada@example.com', url: '', avatarUrl: '', avatarKey: 'a'.repeat(32) };
    await repos.accounts.signIn(profile, adaSession);
    db.close();
    const port = await freePort();
    server = await startServer({
      DATABASE_PATH: databasePath,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SITE_ORIGINS: blog.origin,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Blog comments <comments@blog.example>',
      EMAIL_SIGN_IN: 'true',
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

  test('the held comment shows inline with Approve; approving publishes it; other readers never load the controls', async () => {
    const held = await postComment(
      server.url,
      { page: PAGE, title: TITLE, text: 'Held until a moderator looks', author: { name: 'Gus', email: 'gus@example.com' } },
      { Origin: blog.origin },
    );
    expect(held.status).toBe(202);

    // A reader who is not a moderator: the thread draws, actions.js loads, moderate.js never does.
    const readerContext = await browser.newContext();
    const fetched: string[] = [];
    readerContext.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    const reader = await openHost(readerContext, blog, server, { page: PAGE, title: TITLE });
    await area(reader).getByText('Start a Conversation').waitFor();
    await expect.poll(() => fetched.some((path) => /^\/actions\.[0-9a-f]{10}\.js$/.test(path))).toBe(true);
    expect(await area(reader).getByText('Held until a moderator looks').count()).toBe(0);

    // The moderator signs in by email with their address, from the post itself.
    const context = await browser.newContext();
    const modRequests: string[] = [];
    context.on('request', (request) => modRequests.push(new URL(request.url()).pathname));
    const first = await openHost(context, blog, server, { page: PAGE, title: TITLE });
    await area(first).getByRole('button', { name: 'Log in with Email' }).click();
    await area(first).getByLabel('Email', { exact: true }).fill(MOD_EMAIL);
    await area(first).getByRole('button', { name: 'Sign in with email' }).click();
    // The moderator also got the held comment's mail: the sign-in link is the other one.
    const mail = (await smtp.waitFor(2, MOD_EMAIL)).find((m) => m.parsed.subject?.startsWith('Your sign-in link'));
    const tab = await context.newPage();
    await tab.goto(linkAfter(mail!, 'Sign in'));
    await tab.getByRole('button', { name: 'Sign in' }).click();
    const widget = area(tab);
    await widget.getByText('You are commenting using your Email account.').waitFor();

    // The held comment is drawn inline, marked, with the moderator's controls beside it.
    const comment = widget.locator('article.parley-comment', { hasText: 'Held until a moderator looks' });
    await comment.waitFor();
    await comment.getByText('Awaiting moderation.').waitFor();
    const controls = comment.getByRole('group', { name: 'Moderation' });
    for (const name of ['Approve', 'Spam', 'Trash', 'Lock thread', 'Ban']) expect(await controls.getByRole('button', { name }).count(), name).toBe(1);
    await controls.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => comment.getByText('Awaiting moderation.').count()).toBe(0);
    await comment.getByRole('group', { name: 'Moderation' }).getByRole('button', { name: 'Pin' }).waitFor();
    expect(modRequests.some((path) => /^\/moderate\.[0-9a-f]{10}\.js$/.test(path))).toBe(true);

    // Published for everyone; the other reader's page shows it (live, or on reload), without controls.
    const thread = (await (await fetch(`${server.url}/api/comments?page=${PAGE}`)).json()) as any;
    expect(thread.comments.map((c: any) => c.author.name)).toEqual(['Gus']);
    await reader.reload();
    await area(reader).getByText('Held until a moderator looks').waitFor();
    expect(await area(reader).getByRole('group', { name: 'Moderation' }).count()).toBe(0);
    expect(fetched.some((path) => path.startsWith('/moderate.') || path.startsWith('/api/moderate'))).toBe(false);
    await context.close();
    await readerContext.close();
  });

  test('a moderator links a reader’s GitHub account at /admin → Accounts; that account then moderates', async () => {
    const me = async () => ((await (await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${adaSession.token}` } })).json()) as any).account;
    expect((await me()).moderator).toBeUndefined();
    const mod = await browser.newPage();
    await signInAtAdmin(mod, server.url);
    await mod.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Accounts' }).click();
    await mod.getByLabel('Find an account by name or email').fill('ada');
    await mod.getByRole('button', { name: 'Find' }).click();
    await mod.getByLabel('Moderator for Ada').selectOption({ label: MOD_EMAIL });
    await mod.getByText(`Account Ada now moderates as ${MOD_EMAIL}.`).waitFor();
    expect((await me()).moderator).toBe(true);
    await mod.close();
  });
});
