import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { createModerator, postComment, signInAtAdmin } from '../e2e/admin-helpers.ts';

describe.skipIf(!chromiumPath)('admin bulk actions cannot hit the wrong comments (Chromium)', { timeout: 180_000 }, () => {
  let browser: Browser;
  let server: RunningServer;
  const dir = tempDir();

  beforeAll(async () => {
    const databasePath = join(dir.path, 'parley.db');
    await createModerator(databasePath);
    server = await startServer({ DATABASE_PATH: databasePath });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.cleanup();
  });

  test('a queue opens with no action chosen, whatever another screen chose; more than 10 asks first', async () => {
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
    page.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.dismiss(); });
    await menu.selectOption('approve');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => asked).toEqual(['Approve: apply to 12 comments?']);
    expect(await approved()).toBe(0);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(approved, { timeout: 20_000 }).toBe(12);
    await page.close();
  });
});
