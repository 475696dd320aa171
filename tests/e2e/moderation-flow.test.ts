import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { openDatabase } from '../../server/db/open.ts';
import { createRepos } from '../../server/db/repos.ts';
import { createModerator, postAsGuest, signInAtAdmin, startBlog, widgetComment } from './admin-helpers.ts';

const AWAITING = 'Your comment is awaiting moderation.';

describe.skipIf(!chromiumPath)('moderation end to end, in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  let blog: Awaited<ReturnType<typeof startBlog>>;
  const dir = tempDir();
  const databasePath = join(dir.path, 'parley.db');

  beforeAll(async () => {
    await createModerator(databasePath);
    const db = openDatabase(databasePath);
    await createRepos(db).sites.saveSettings('default', { moderation: 'first-time' }, Date.now());
    db.close();
    server = await startServer({ DATABASE_PATH: databasePath });
    browser = await launchBrowser();
    blog = await startBlog(server.url);
  });
  afterAll(async () => {
    await blog?.close();
    await browser?.close();
    await server?.stop();
    dir.cleanup();
  });

  const publicThread = async (page: string) => (await (await fetch(`${server.url}/api/comments?page=${page}`)).json()) as any;
  const queueTab = (mod: Page, name: string) => mod.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: new RegExp(`^${name}`) });

  test('held first comment → approved at /admin → next comment publishes at once → reported → trashed; the audit log lists each step', async () => {
    // A guest posts on a site that holds first-time commenters: only they see it, marked as awaiting moderation.
    const guest = await blog.open(await browser.newContext(), '/moderated/');
    await postAsGuest(guest, { text: 'My very first comment', name: 'Gus', email: 'gus@example.com' });
    await expect.poll(() => widgetComment(guest, 'My very first comment').getByText(AWAITING).count()).toBe(1);
    expect((await publicThread('/moderated/')).comments).toEqual([]);

    // The moderator signs in at /admin and finds it in Pending, with why it was held; approves it.
    const mod = await browser.newPage();
    await signInAtAdmin(mod, server.url);
    const held = mod.locator('li.row', { hasText: 'My very first comment' });
    await held.getByText('Why it is here: first comment by this author').waitFor();
    expect(await held.textContent()).toContain('gus@example.com');
    await held.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => held.count()).toBe(0);
    expect((await publicThread('/moderated/')).comments.map((c: any) => c.author.name)).toEqual(['Gus']);

    // The guest sees it approved at once (live), and their next comment publishes at once.
    await expect.poll(() => widgetComment(guest, 'My very first comment').getByText(AWAITING).count()).toBe(0);
    await guest.reload();
    await expect.poll(() => widgetComment(guest, 'My very first comment').count()).toBe(1);
    expect(await widgetComment(guest, 'My very first comment').getByText(AWAITING).count()).toBe(0);
    await postAsGuest(guest, { text: 'A second thought', name: 'Gus', email: 'gus@example.com' });
    await expect.poll(() => widgetComment(guest, 'A second thought').count()).toBe(1);
    expect(await widgetComment(guest, 'A second thought').getByText(AWAITING).count()).toBe(0);
    await expect.poll(() => guest.locator('#comments h2').textContent()).toBe('2 thoughts on “A post”');

    // Another reader reports it, with a reason; the Report action then shows as done.
    const reader = await blog.open(await browser.newContext(), '/moderated/');
    const second = widgetComment(reader, 'A second thought');
    await second.getByRole('button', { name: 'Report' }).click();
    await second.getByRole('textbox', { name: 'Why? (optional)' }).fill('Off topic');
    await second.getByRole('button', { name: 'Report' }).click();
    const done = second.getByRole('button', { name: 'Reported', exact: true });
    await expect.poll(() => done.count()).toBe(1);
    expect(await done.isDisabled()).toBe(true);
    expect(await second.getByRole('button', { name: 'Report', exact: true }).count()).toBe(0);

    // It shows in Reported; the moderator trashes it; the thread shows it no more.
    await queueTab(mod, 'Reported').click();
    const reported = mod.locator('li.row', { hasText: 'A second thought' });
    await reported.getByText('Off topic').waitFor();
    await expect.poll(() => queueTab(mod, 'Reported').textContent()).toMatch(/Reported\s*1$/);
    await reported.getByRole('button', { name: 'Trash' }).click();
    await expect.poll(() => reported.count()).toBe(0);
    // Live readers see it go at once (server-sent events); a fresh load does not show it either.
    await expect.poll(() => widgetComment(reader, 'A second thought').count()).toBe(0);
    await reader.reload();
    await expect.poll(() => widgetComment(reader, 'My very first comment').count()).toBe(1);
    expect(await widgetComment(reader, 'A second thought').count()).toBe(0);
    expect((await publicThread('/moderated/')).comments.map((c: any) => c.html)).toEqual(['<p>My very first comment</p>']);

    // The audit log lists each step, newest first.
    await mod.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Audit log' }).click();
    await mod.locator('table.audit tbody tr').first().waitFor();
    const rows = await mod
      .locator('table.audit tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1, 6).map((td) => td.textContent)));
    expect(rows).toEqual([
      ['mod@example.com', 'trash', expect.stringMatching(/^#\d+$/), '/moderated/', ''],
      ['A reader', 'report', expect.stringMatching(/^#\d+$/), '/moderated/', 'Off topic'],
      ['mod@example.com', 'approve', expect.stringMatching(/^#\d+$/), '/moderated/', ''],
      ['Rules (automatic)', 'hold', expect.stringMatching(/^#\d+$/), '/moderated/', 'first comment by this author'],
    ]);
    expect(rows[0]![2]).toBe(rows[1]![2]);
    expect(rows[2]![2]).toBe(rows[3]![2]);
  });

  test('a locked thread says "Comments are closed." and has no form; unlocking brings the form back', async () => {
    const mod = await browser.newPage();
    await signInAtAdmin(mod, server.url);
    await mod.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
    await mod.getByLabel('Page (its path, as in data-page)').fill('/locked/');
    await mod.getByRole('button', { name: 'Lock', exact: true }).click();
    await mod.getByText('Locked comments on /locked/.').waitFor();
    const tab = await blog.open(await browser.newContext(), '/locked/');
    await expect.poll(() => tab.locator('#comments').getByText('Comments are closed.').count()).toBe(1);
    expect(await tab.locator('#comments form.parley-form').count()).toBe(0);
    await mod.getByRole('button', { name: 'Unlock', exact: true }).click();
    await mod.getByText('Reopened comments on /locked/.').waitFor();
    await tab.reload();
    await tab.locator('#comments form.parley-form').waitFor();
  });
});

describe.skipIf(!chromiumPath)("the widget's spam signals, in Chromium", () => {
  let browser: Browser;
  let server: RunningServer;
  let blog: Awaited<ReturnType<typeof startBlog>>;
  const dir = tempDir();
  const databasePath = join(dir.path, 'parley.db');

  beforeAll(async () => {
    const db = openDatabase(databasePath);
    await createRepos(db).sites.saveSettings('default', { closeAfterDays: 30 }, Date.now());
    db.close();
    server = await startServer({ DATABASE_PATH: databasePath, MIN_FILL_SECONDS: '3600' });
    browser = await launchBrowser();
    blog = await startBlog(server.url);
  });
  afterAll(async () => {
    await blog?.close();
    await browser?.close();
    await server?.stop();
    dir.cleanup();
  });

  const decision = (id: number) => {
    const db = openDatabase(databasePath);
    try {
      return db.prepare("SELECT c.status, a.reason FROM comments c JOIN audit_log a ON a.comment_id = c.id AND a.actor = 'system' WHERE c.id = ?").get(id);
    } finally {
      db.close();
    }
  };
  const lastId = async (tab: Page) => Number((await tab.locator('#comments article.parley-comment').last().getAttribute('id'))!.slice('comment-'.length));

  test('a comment sent sooner than MIN_FILL_SECONDS after the form appeared is held, with the time as the reason', async () => {
    const tab = await blog.open(await browser.newContext(), '/fast/');
    await postAsGuest(tab, { text: 'Typed in a flash', name: 'Flash', email: 'flash@example.com' });
    await expect.poll(() => widgetComment(tab, 'Typed in a flash').getByText(AWAITING).count()).toBe(1);
    expect(decision(await lastId(tab))).toEqual({
      status: 'pending',
      reason: expect.stringMatching(/^sent \d+\.\d s after the form loaded \(minimum 3600 s\)$/),
    });
  });

  test('a robot that fills the hidden honeypot is sent to spam, though it looks held to the robot', async () => {
    const tab = await blog.open(await browser.newContext(), '/honeypot/');
    // The honeypot is hidden from people; a robot fills every field it finds.
    await tab.locator('#comments input[name=hp]').evaluate((input: HTMLInputElement) => {
      input.value = 'http://spam.example';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await postAsGuest(tab, { text: 'Buy things', name: 'Bot', email: 'bot@example.com' });
    await expect.poll(() => widgetComment(tab, 'Buy things').getByText(AWAITING).count()).toBe(1);
    expect(decision(await lastId(tab))).toEqual({ status: 'spam', reason: 'the hidden honeypot field was filled in' });
  });

  test("a publication date only the page's script sends cannot close an old post at once (the first poster could forge it)", async () => {
    const tab = await blog.open(await browser.newContext(), '/2019/old-post/', 'data-published="2019-07-01T10:00:00Z"');
    await postAsGuest(tab, { text: 'Late to the party', name: 'Lou', email: 'lou@example.com' });
    // Taken (and held, being sent faster than MIN_FILL_SECONDS): the thread stays open for a day after its first comment.
    await expect.poll(() => widgetComment(tab, 'Late to the party').getByText(AWAITING).count()).toBe(1);
  });
});
