import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { createModerator, postAsGuest, postComment, signInAtAdmin, startBlog } from './admin-helpers.ts';

describe.skipIf(!chromiumPath)('pinned comments, in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  let blog: Awaited<ReturnType<typeof startBlog>>;
  const dir = tempDir();
  const databasePath = join(dir.path, 'parley.db');

  beforeAll(async () => {
    await createModerator(databasePath);
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

  test('a moderator pins a comment at /admin; it is first, marked "Pinned", in the oldest, newest and most-liked sorts', async () => {
    const ids: number[] = [];
    for (const text of ['Oldest words', 'Most liked words', 'Newest words']) {
      ids.push((await postComment(server.url, { page: '/pins/', text })).body.comment.id);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await fetch(`${server.url}/api/comments/${ids[1]}/like`, { method: 'POST', headers: { 'X-Parley-Reader': 'r'.repeat(22) } });
    await postComment(server.url, { page: '/pins/', text: 'To be pinned', author: { name: 'Pia', email: 'pia@example.com' } });

    const mod = await browser.newPage();
    await signInAtAdmin(mod, server.url);
    await mod
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('button', { name: /^Approved/ })
      .click();
    const row = mod.locator('li.row', { hasText: 'To be pinned' });
    await row.getByRole('button', { name: 'Pin', exact: true }).click();
    await row.getByText('Pinned', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Unpin' }).waitFor();

    const expected = { oldest: 'Oldest words', newest: 'Newest words', top: 'Most liked words' };
    for (const [sort, second] of Object.entries(expected)) {
      const reader = await blog.open(await browser.newContext(), '/pins/', `data-sort="${sort}"`);
      const articles = reader.locator('#comments article.parley-comment');
      await expect.poll(() => articles.count()).toBe(4);
      expect(await articles.nth(0).textContent()).toContain('To be pinned');
      expect(await articles.nth(0).locator('.parley-badge', { hasText: 'Pinned' }).count()).toBe(1);
      expect(await articles.nth(1).textContent(), sort).toContain(second);
      expect(await reader.locator('#comments .parley-badge', { hasText: 'Pinned' }).count()).toBe(1);
      await reader.context().close();
    }
  });

  // On the thread the test above pinned a comment in.
  test("a reader's new comment, newest first, goes on top of the others but below the pinned one, without a reload", async () => {
    const reader = await blog.open(await browser.newContext(), '/pins/', 'data-sort="newest"');
    const articles = reader.locator('#comments article.parley-comment');
    await expect.poll(() => articles.count()).toBe(4);
    await postAsGuest(reader, { text: 'Freshest words' });
    await expect.poll(() => articles.count()).toBe(5);
    expect(await articles.nth(0).textContent()).toContain('To be pinned');
    expect(await articles.nth(1).textContent()).toContain('Freshest words');
    expect(await articles.nth(2).textContent()).toContain('Newest words');
    await reader.context().close();
  });
});
