import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { createModerator, MOD_PASSWORD, postComment, signInAtAdmin } from '../e2e/admin-helpers.ts';

const OTHER_EMAIL = 'other@example.com';

describe.skipIf(!chromiumPath)('admin bulk actions cannot hit the wrong comments (Chromium)', { timeout: 180_000 }, () => {
  let browser: Browser;
  let server: RunningServer;
  const dir = tempDir();

  beforeAll(async () => {
    const databasePath = join(dir.path, 'parley.db');
    await createModerator(databasePath);
    await createModerator(databasePath, OTHER_EMAIL);
    server = await startServer({ DATABASE_PATH: databasePath });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.cleanup();
  });

  test('a queue opens with no action chosen, whatever another screen chose; more than 10 asks first; the notice undoes it, for its own moderator only', async () => {
    const page = await browser.newPage();
    await signInAtAdmin(page, server.url);
    const section = (name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name });
    await section('Settings').click();
    await page.getByLabel('Hold every comment for a moderator').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved the rules for default').waitFor();
    for (let i = 0; i < 12; i++) expect((await postComment(server.url, { page: '/many/', text: `Held comment ${i}` })).status).toBe(202);
    const approved = async () => ((await (await fetch(`${server.url}/api/comments?page=/many/`)).json()) as any).thread.count;

    await section('Comments').click();
    const tab = (name: string) => page.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: new RegExp(`^${name}`) });
    const menu = page.locator('#bulk-action');
    await tab('Pending').click();
    await expect.poll(() => page.locator('li.row').count()).toBe(12);
    await menu.selectOption('trash');
    await tab('Approved').click();
    await tab('Pending').click();
    await expect.poll(() => page.locator('li.row').count()).toBe(12);
    expect(await menu.inputValue()).toBe('');

    // Select all → Apply with nothing chosen: nothing happens.
    await page.getByLabel('Select all').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForTimeout(500);
    expect(await page.locator('li.row').count()).toBe(12);

    // Twelve at once: asked first; declining changes nothing, accepting approves them all.
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await menu.selectOption('approve');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => asked).toEqual(['Approve: apply to 12 comments?']);
    expect(await approved()).toBe(0);
    page.once('dialog', (dialog) => void dialog.accept());
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/admin/actions')),
      page.getByRole('button', { name: 'Apply' }).click(),
    ]);
    await expect.poll(approved, { timeout: 20_000 }).toBe(12);
    const undoId = ((await answer.json()) as any).undo.id as number;

    // Another moderator cannot take it back: an undo is the moderator's own.
    const other = await signInElsewhere(OTHER_EMAIL);
    const refused = await other('/api/admin/undo', { undo: undoId });
    expect([refused.status, refused.body.error.code]).toEqual([404, 'undo_not_found']);
    expect(await approved()).toBe(12);

    // The notice's Undo puts all twelve back in Pending, and only once.
    const notice = page.getByRole('status');
    await notice.filter({ hasText: 'Approved: 12 comments.' }).waitFor();
    await notice.getByRole('button', { name: 'Undo' }).click();
    await notice.filter({ hasText: 'Undone: 12 comments put back as pending.' }).waitFor();
    expect(await approved()).toBe(0);
    await expect.poll(() => page.locator('li.row').count()).toBe(12);
    expect(await tab('Pending').textContent()).toContain('12');
    const again = await page.request.post(`${server.url}/api/admin/undo`, { data: { undo: undoId }, headers: { Origin: server.url } });
    expect([again.status(), ((await again.json()) as any).error.code]).toEqual([409, 'already_undone']);
    await page.close();
  });

  test('switching site or search also leaves no action chosen', async () => {
    expect((await postComment(server.url, { site: 'other', page: '/elsewhere/', text: 'On another site' })).status).toBeLessThan(300);
    const page = await browser.newPage();
    await signInAtAdmin(page, server.url);
    const menu = page.locator('#bulk-action');
    const sitePicker = page.locator('.site-picker select');
    await expect.poll(() => sitePicker.locator('option', { hasText: /^other$/ }).count()).toBe(1);
    await menu.selectOption('trash');
    await sitePicker.selectOption('other');
    await expect.poll(() => menu.inputValue()).toBe('');

    await menu.selectOption('trash');
    await page.locator('#search-q').fill('Held');
    await page.locator('form.search button[type="submit"]').click();
    await expect.poll(() => menu.inputValue()).toBe('');
    await page.close();
  });

  /** Signs in as another moderator outside the browser; returns a poster carrying that session. */
  async function signInElsewhere(email: string) {
    const headers = { 'Content-Type': 'application/json', Origin: server.url };
    const session = await fetch(`${server.url}/api/admin/session`, { method: 'POST', headers, body: JSON.stringify({ email, password: MOD_PASSWORD }) });
    expect(session.status).toBe(200);
    const cookie = /parley_admin=[^;]+/.exec(session.headers.get('set-cookie') ?? '')![0];
    return async (path: string, body: unknown) => {
      const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { ...headers, Cookie: cookie }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as any };
    };
  }
});
