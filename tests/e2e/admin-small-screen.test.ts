import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { openHost, startBlog, type Blog } from './host.ts';
import { createModerator, postComment, signInAtAdmin } from './admin-helpers.ts';

/** Where the screenshots go (git-ignored), to be looked at: `admin-375px.png`, `admin-desktop.png`, `widget-375px-long-lines.png`. */
const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

const LONG_LINE = `const x = [${Array.from({ length: 120 }, (_, i) => i).join(', ')}];`.padEnd(500, ' // and more');
const LONG_URL = `https://example.com/${'a-very-long-path-segment/'.repeat(12)}end`;
const LONG_WORD = 'Donaudampfschifffahrtsgesellschaftskapitän'.repeat(4);
const TEXT = `Long lines:\n\n\`\`\`\n${LONG_LINE}\n\`\`\`\n\nA link <${LONG_URL}> and a word ${LONG_WORD} and \`inline${'_code'.repeat(30)}\`.`;

/** In the page: how much wider than the screen the page is, and how a comment's code block fits its card `el`. */
const fits = (el: Element) => {
  const pre = el.querySelector('pre')!;
  const box = el.getBoundingClientRect();
  return {
    pageOverflow: document.documentElement.scrollWidth - innerWidth,
    cardInside: box.left >= 0 && box.right <= innerWidth,
    cardOverflow: el.scrollWidth - el.clientWidth,
    preScrolls: pre.scrollWidth > pre.clientWidth && getComputedStyle(pre).overflowX === 'auto',
  };
};
const FITS = { pageOverflow: 0, cardInside: true, cardOverflow: 0, preScrolls: true };

describe.skipIf(!chromiumPath)('the admin view on a 375 px touch screen (Chromium)', { timeout: 180_000 }, () => {
  let browser: Browser;
  let server: RunningServer;
  let blog: Blog;
  let phone: BrowserContext;
  const dir = tempDir();

  beforeAll(async () => {
    const databasePath = join(dir.path, 'parley.db');
    await createModerator(databasePath);
    // A webhook target that never answers: the Webhooks screen then has a target and a failing delivery to lay out.
    server = await startServer({
      DATABASE_PATH: databasePath,
      WEBHOOK_URLS: 'http://127.0.0.1:9/a-hook-that-never-answers',
      WEBHOOK_SECRET: 'a-secret-of-sixteen-or-more',
    });
    blog = await startBlog();
    browser = await launchBrowser();
    phone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await blog?.close();
    await server?.stop();
    dir.cleanup();
  });

  const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: new RegExp(`^${name}`) });
  const section = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name });
  const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);

  test('a 500-character code line, a long URL and a long word stay inside the card; nothing scrolls the page sideways; Undo by touch puts the comment back', async () => {
    const { status, body } = await postComment(server.url, { page: '/long/', text: TEXT });
    expect(status).toBe(201);
    const id = body.comment.id as number;
    const page = await phone.newPage();
    await signInAtAdmin(page, server.url);
    expect(await page.evaluate(() => innerWidth)).toBe(375);
    await tab(page, 'Approved').tap();
    const card = `li.row:has(input[aria-label^="Select comment ${id} "])`;
    await page.locator(`${card} pre`).waitFor();

    expect(await page.locator(card).evaluate(fits)).toEqual(FITS);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);

    // Big enough for a finger: buttons and menus 44 px high, checkboxes at least 24 px (WCAG 2.5.8).
    for (const control of [
      page.getByRole('button', { name: 'Apply' }),
      page.locator('#bulk-action'),
      page.locator(card).getByRole('button', { name: 'Trash' }),
    ]) {
      expect((await control.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    const checkbox = (await page.locator(card).getByRole('checkbox').boundingBox())!;
    expect(Math.min(checkbox.width, checkbox.height)).toBeGreaterThanOrEqual(24);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-375px.png'), fullPage: true });

    // Select by touch, trash through the bulk bar, and take it back from the notice.
    await page.locator(card).getByRole('checkbox').tap();
    await page.locator('#bulk-action').selectOption('trash');
    await page.getByRole('button', { name: 'Apply' }).tap();
    const notice = page.getByRole('status');
    await notice.filter({ hasText: 'Moved to the trash: 1 comment.' }).waitFor();
    await expect.poll(() => page.locator(card).count()).toBe(0);
    expect(await pageOverflow(page)).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-375px-undo.png') });
    await notice.getByRole('button', { name: 'Undo' }).tap();
    await notice.filter({ hasText: 'Undone: 1 comment put back as approved.' }).waitFor();
    await page.locator(`${card} pre`).waitFor();
    expect(await notice.getByRole('button', { name: 'Undo' }).count()).toBe(0);
    const thread = (await (await fetch(`${server.url}/api/comments?page=/long/`)).json()) as any;
    expect(thread.comments.map((c: any) => c.id)).toEqual([id]);

    // Every other screen fits too.
    for (const name of ['Settings', 'Audit log', 'Bans', 'Mail', 'Accounts', 'Webhooks']) {
      await section(page, name).tap();
      await page.getByRole('heading', { level: 1, name: name === 'Audit log' ? 'Audit log' : name }).waitFor();
      expect([name, await pageOverflow(page)]).toEqual([name, 0]);
      if (name === 'Webhooks') await page.screenshot({ path: join(SCREENSHOTS, 'admin-375px-webhooks.png'), fullPage: true });
    }
    await page.close();
  });

  test('at desktop width the code block scrolls inside the card too', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInAtAdmin(page, server.url);
    await tab(page, 'Approved').click();
    const card = 'li.row:has(pre)';
    await page.locator(card).first().waitFor();
    expect(await page.locator(card).first().evaluate(fits)).toEqual(FITS);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-desktop.png'), fullPage: true });
    await context.close();
  });

  test('the widget: the same comment fits a 375 px blog page, its code block scrolling inside', async () => {
    const page = await openHost(phone, blog, server, { page: '/long/', head: '<meta name="viewport" content="width=device-width, initial-scale=1">' });
    const article = page.locator('#comments article.parley-comment', { hasText: 'Long lines' });
    await article.locator('pre').waitFor();
    expect(await article.evaluate(fits)).toEqual(FITS);
    await page.screenshot({ path: join(SCREENSHOTS, 'widget-375px-long-lines.png'), fullPage: true });
    await page.close();
  });
});
