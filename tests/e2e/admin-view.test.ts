import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { axeViolations, createModerator, postComment, signInAtAdmin } from './admin-helpers.ts';

describe.skipIf(!chromiumPath)('the admin view in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  const dir = tempDir();

  beforeAll(async () => {
    const databasePath = join(dir.path, 'parley.db');
    await createModerator(databasePath);
    server = await startServer({ DATABASE_PATH: databasePath });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.cleanup();
  });

  const tab = (name: string, page: Page) => page.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: new RegExp(`^${name}`) });
  const section = (name: string, page: Page) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name });

  async function searchPage(page: Page, path: string) {
    await page.getByRole('searchbox', { name: 'Search' }).fill(path);
    await page.getByLabel('in', { exact: true }).selectOption('page');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
  }

  test('is served with a strict Content-Security-Policy, and has no axe-core violations on any screen', async () => {
    const root = (await postComment(server.url, { page: '/a11y/', text: 'A published root' })).body.comment.id;
    await postComment(server.url, {
      page: '/a11y/',
      parent: root,
      text: 'Links http://a.example http://b.example',
      author: { name: 'Bo', email: 'bo@example.com', url: 'bo.example' },
    });
    await fetch(`${server.url}/api/comments/${root}/report`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Parley-Reader': 'reader-aaaaaaaaaaaaaaaa' },
      body: '{"reason":"rude"}',
    });

    const response = await fetch(`${server.url}/admin`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');

    const page = await browser.newPage();
    await page.goto(`${server.url}/admin`);
    await page.getByLabel('Email').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await signInAtAdmin(page, server.url);
    await page.getByText('Why it is here: 2 links (held at 2 or more)').waitFor();
    const row = page.locator('li.row').first();
    await row.getByRole('button', { name: 'Edit' }).click();
    await row.getByRole('button', { name: 'Ban…' }).click();
    expect(await axeViolations(page)).toEqual([]);

    await tab('Reported', page).click();
    await page.getByText('Reported 1 time:').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    for (const [name, ready] of [
      ['Settings', 'Before a comment appears'],
      ['Audit log', 'Rules (automatic)'],
      ['Bans', 'No one is banned.'],
      ['Mail', 'No mail has failed.'],
    ] as const) {
      await section(name, page).click();
      await page.getByText(ready).first().waitFor();
      expect(await axeViolations(page), name).toEqual([]);
    }
    await page.close();
  });

  test('keyboard: j/k move between comments, a approves, s marks spam, t trashes; counts follow', async () => {
    for (const text of ['one', 'two', 'three']) {
      await postComment(server.url, {
        page: '/keys/',
        text: `${text} http://a.example http://b.example`,
        author: { name: `K ${text}`, email: `${text}@example.com` },
      });
    }
    const page = await browser.newPage();
    await signInAtAdmin(page, server.url);
    await searchPage(page, '/keys/');
    await expect.poll(() => page.locator('li.row').count()).toBe(3);
    expect((await (await fetch(`${server.url}/api/comments?page=/keys/`)).json()).comments).toEqual([]);

    await page.getByRole('heading', { name: 'Comments' }).click();
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-row'))).toBe('1');
    await page.keyboard.press('k');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-row'))).toBe('0');
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('li.row').count()).toBe(2);
    await page.keyboard.press('s');
    await expect.poll(() => page.locator('li.row').count()).toBe(1);
    await page.keyboard.press('t');
    await expect.poll(() => page.locator('li.row').count()).toBe(0);
    await page.getByRole('status').filter({ hasText: 'Moved to the trash: 1 comment.' }).waitFor();

    const after = await (await fetch(`${server.url}/api/comments?page=/keys/`)).json();
    expect(after.comments.map((c: any) => c.author.name)).toEqual(['K three']);
    await expect.poll(() => tab('Spam', page).textContent()).toMatch(/Spam\s*1$/);
    await page.close();
  });

  test('bulk: select all and apply; settings saved in the Settings screen take effect at once; sign out', async () => {
    const page = await browser.newPage();
    await signInAtAdmin(page, server.url);
    await section('Settings', page).click();
    await page.getByLabel('Hold every comment for a moderator').check();
    await page.getByLabel(/^Moderation words/).fill('casino\nlottery');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved the rules for default').waitFor();
    expect((await postComment(server.url, { page: '/bulk/', text: 'first' })).status).toBe(202);
    expect((await postComment(server.url, { page: '/bulk/', text: 'second' })).status).toBe(202);

    await section('Comments', page).click();
    await searchPage(page, '/bulk/');
    await expect.poll(() => page.locator('li.row').count()).toBe(2);
    await page.getByLabel('Select all').check();
    await page.getByLabel(/^With 2 selected/).selectOption('approve');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Approved: 2 comments.').waitFor();
    expect((await (await fetch(`${server.url}/api/comments?page=/bulk/`)).json()).thread.count).toBe(2);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Password').waitFor();
    expect((await page.request.get(`${server.url}/api/admin/counts`)).status()).toBe(401);
    await page.close();
  });
});
