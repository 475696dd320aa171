/**
 * Every reader, in Chromium: the language a page asks for (loaded on demand, never English first),
 * right-to-left mirroring, a phone's width, the keyboard and screen-reader paths, the race between
 * the live event and the POST's answer, the Preview tab and the pseudo-locale's long words.
 * Screenshots go to test-results/screenshots/chromium-i18n-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumPath } from '../helpers/browser.ts';
import de from '../../widget/i18n/de.ts';
import ptPT from '../../widget/i18n/pt-PT.ts';
import ar from '../../widget/i18n/ar.ts';
import { area, openHost, postAsGuest, useScene } from './host.ts';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** Posts straight to the API, as a widget would; resolves to the new comment's id. */
async function seed(server: string, page: string, text: string, parent?: number, name = 'Ada Lovelace') {
  const res = await fetch(`${server}/api/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ page, title: 'A Post', text, parent, author: { name, email: 'ada@example.com' } }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { comment: { id: number } }).comment.id;
}

/** The thread's root section (inside the shadow root). */
const root = (page: Page) => area(page).locator('section.parley');

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await area(page).screenshot({ path: join(SHOTS, `chromium-i18n-${name}.png`) });
}

describe.skipIf(!chromiumPath)('every reader, in Chromium', () => {
  const scene = useScene();

  test('data-lang picks the language, loaded alongside the thread: the first paint is German, never English', async () => {
    await seed(scene.server.url, '/de/', 'Hallo');
    const context = await scene.browser.newContext();
    const seen: string[] = [];
    // Hold the locale back: whatever the widget shows meanwhile is recorded.
    await context.route('**/i18n/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    const page = await openHost(context, scene.blog, scene.server, { page: '/de/', attributes: 'data-lang="de"' });
    const locale = page.waitForResponse((r) => r.url().includes('/i18n/de.'));
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's locator.innerText(), the text as drawn (not a DOM node's)
    const drawn = () => area(page).innerText();
    for (let i = 0; i < 8; i++) {
      seen.push(await drawn().catch(() => ''));
      await page.waitForTimeout(150);
    }
    const response = await locale;
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    await expect.poll(() => area(page).locator('form.parley-form').getByText(de.leave).count()).toBe(1);
    for (const text of seen) expect(text).not.toMatch(/Leave a Reply|Loading comments|thoughts? on|Post Comment/);
    expect(await root(page).getAttribute('lang')).toBe('de');
    expect(await root(page).getAttribute('dir')).toBe('ltr');
    expect(await area(page).locator('.parley-title').textContent()).toBe('Ein Gedanke zu „A Post“');
    // German dates: day, month name, year, 24-hour clock.
    expect(await area(page).locator('time').first().textContent()).toMatch(/^\d{1,2}\. [A-Za-zäöü]+ \d{4} um \d\d:\d\d$/);
    await context.close();
  });

  test("without data-lang the host page's <html lang> decides; pt becomes pt-PT; an unknown language is English, said once", async () => {
    const context = await scene.browser.newContext();
    const open = async (lang: string) => {
      const url = scene.blog.serve(
        `/lang/${lang}/`,
        `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>A Post</title></head>
        <body><div id="comments"></div><script src="${scene.server.url}/embed.js" async data-target="#comments" data-page="/lang/${lang}/"></script></body></html>`,
      );
      const page = await context.newPage();
      const messages: string[] = [];
      page.on('console', (m) => m.text().includes('[parley]') && messages.push(m.text()));
      await page.goto(url);
      await expect.poll(() => area(page).locator('form.parley-form').count()).toBe(1);
      return { page, messages };
    };
    const pt = await open('pt');
    expect(await area(pt.page).locator('.parley-form-title').textContent()).toBe(ptPT.start);
    expect(await root(pt.page).getAttribute('lang')).toBe('pt-PT');
    const unknown = await open('xx-YY');
    expect(await area(unknown.page).locator('.parley-form-title').textContent()).toBe('Start a Conversation');
    expect(unknown.messages).toHaveLength(1);
    expect(unknown.messages[0]).toContain('no strings for the language "xx-YY"');
    await context.close();
  });

  test('right to left: an Arabic thread mirrors (avatar on the right, indentation from the right); an English comment in it reads left to right', async () => {
    const top = await seed(scene.server.url, '/ar/', 'مرحبا بكم');
    await seed(scene.server.url, '/ar/', 'An English reply', top, 'Bob');
    const context = await scene.browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await openHost(context, scene.blog, scene.server, { page: '/ar/', attributes: 'data-lang="ar"' });
    await expect.poll(() => root(page).getAttribute('dir')).toBe('rtl');
    expect(await area(page).locator('.parley-form-title').textContent()).toBe(ar.leave);
    const first = area(page).locator('article.parley-comment').first();
    const [avatar, body] = [await first.locator('.parley-avatar').boundingBox(), await first.locator('.parley-body').boundingBox()];
    expect(avatar!.x).toBeGreaterThan(body!.x + body!.width - 1);
    const reply = area(page).locator('article.parley-comment').nth(1);
    // The reply is indented from the right: its right edge is left of its parent's.
    expect((await reply.boundingBox())!.x + (await reply.boundingBox())!.width).toBeLessThan(
      (await first.boundingBox())!.x + (await first.boundingBox())!.width,
    );
    const english = reply.locator('.parley-body');
    expect(await english.getAttribute('dir')).toBe('auto');
    expect(await english.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await first.locator('.parley-body').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await shot(page, 'rtl');
    await context.close();
  });

  test('375 px: the deepest reply keeps a text column of 240 px or more, dates keep to one line, action targets are 44 px', async () => {
    let parent = await seed(scene.server.url, '/deep/', 'Level 1');
    for (let level = 2; level <= 5; level++) parent = await seed(scene.server.url, '/deep/', `Level ${level}`, parent);
    // A reply to the deepest level (MAX_DEPTH, 5) stays at that level, and says whom it answers.
    await seed(scene.server.url, '/deep/', 'Past the deepest level', parent, 'Bob');
    const context = await scene.browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await openHost(context, scene.blog, scene.server, { page: '/deep/' });
    const deepest = area(page).locator('.parley-body', { hasText: 'Level 5' });
    await expect.poll(() => deepest.count()).toBe(1);
    expect(await deepest.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThanOrEqual(240);
    const past = area(page).locator('article', { hasText: 'Past the deepest level' });
    expect(await past.locator('.parley-to').textContent()).toBe('in reply to Ada Lovelace');
    expect(await past.getByRole('button', { name: 'Reply to Bob' }).count()).toBe(1);
    // Every level is indented further than the one above it.
    const lefts = (
      await area(page)
        .locator('.parley-body')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().left))
    ).slice(0, 5);
    for (let i = 1; i < lefts.length; i++) expect(lefts[i]).toBeGreaterThan(lefts[i - 1]!);
    for (const date of await area(page).locator('.parley-date a').all()) expect(await date.evaluate((el) => el.getClientRects().length)).toBe(1);
    for (const button of await area(page).locator('.parley-actions button').all()) {
      const box = (await button.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    }
    expect(
      await area(page)
        .locator('.parley-title')
        .evaluate((el) => el.scrollWidth <= el.clientWidth),
    ).toBe(true);
    await shot(page, '375px');
    await context.close();
  });

  test('keyboard and screen reader: a skip link to the form, actions named after whose comment they act on, focus to the first comment the last Load more brought', async () => {
    for (let i = 1; i <= 51; i++) await seed(scene.server.url, '/many/', `Comment number ${i}`);
    const context = await scene.browser.newContext();
    const page = await openHost(context, scene.blog, scene.server, { page: '/many/' });
    await expect.poll(() => area(page).locator('article.parley-comment').count()).toBe(50);
    expect(await area(page).getByRole('button', { name: 'Reply to Ada Lovelace' }).count()).toBe(50);
    expect(await area(page).getByRole('button', { name: 'Like Ada Lovelace’s comment' }).count()).toBe(50);
    expect(await area(page).getByRole('button', { name: 'Report Ada Lovelace’s comment' }).count()).toBe(50);
    expect(await area(page).locator('h2.parley-title').count()).toBe(1);
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent ?? document.activeElement?.tagName);
    expect(await focused()).toBe('Skip to the comment form');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id)).toBe('parley-text');
    await area(page).getByRole('button', { name: 'Load more comments' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toContain('Comment number 51');
    await context.close();
  });

  test('the heading level follows data-heading-level', async () => {
    await seed(scene.server.url, '/h3/', 'Heading');
    const context = await scene.browser.newContext();
    const page = await openHost(context, scene.blog, scene.server, { page: '/h3/', attributes: 'data-heading-level="3"' });
    await expect.poll(() => area(page).locator('h3.parley-title').count()).toBe(1);
    // The form follows the first screenful a frame later (mount.ts), so it is waited for too.
    await expect.poll(() => area(page).locator('h4.parley-form-title').count()).toBe(1);
    await context.close();
  });

  test("one's own comment is never announced as someone else's, even when the live event beats the POST's answer", async () => {
    await seed(scene.server.url, '/race/', 'Before');
    const context = await scene.browser.newContext();
    const page = await openHost(context, scene.blog, scene.server, { page: '/race/', title: 'Race' });
    await expect.poll(() => area(page).locator('article.parley-comment').count()).toBe(1);
    // The answer to the POST arrives 1.5 s late; the server's live event for the same comment does not wait.
    await page.route('**/api/comments', async (route) => {
      if (route.request().method() != 'POST') return route.continue();
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.fulfill({ response });
    });
    const said: string[] = [];
    const live = area(page).locator('.parley-live');
    await postAsGuest(page, { text: 'Mine, not news', name: 'Me' });
    for (let i = 0; i < 12; i++) {
      said.push((await live.textContent()) ?? '');
      await page.waitForTimeout(200);
    }
    await expect.poll(() => area(page).locator('article.parley-comment').count()).toBe(2);
    expect(said.join(' ')).not.toContain('New comment by');
    expect(await area(page).locator('.parley-title').textContent()).toBe('2 thoughts on “Race”');
    await context.close();
  });

  test("the form: an empty submit flags every missing field at once without a request; Preview shows the server's rendering; Ctrl+Enter posts", async () => {
    const context = await scene.browser.newContext();
    const page = await openHost(context, scene.blog, scene.server, { page: '/form/', title: 'Form' });
    const form = area(page).locator('form.parley-form');
    await expect.poll(() => form.count()).toBe(1);
    const posts: string[] = [];
    page.on('request', (r) => r.method() == 'POST' && r.url().endsWith('/api/comments') && posts.push(r.url()));
    await form.getByRole('button', { name: 'Post Comment' }).click();
    await expect.poll(() => form.locator('[aria-invalid="true"]').count()).toBe(3);
    expect(await form.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((el) => el.getAttribute('name')))).toEqual([
      'text',
      'author.email',
      'author.name',
    ]);
    expect(await form.locator('#parley-text').evaluate((el) => getComputedStyle(el).borderColor)).toBe('rgb(179, 45, 46)');
    expect(posts).toHaveLength(0);
    await form.getByLabel('Comment', { exact: true }).fill('Some **bold** words');
    await form.getByRole('tab', { name: 'Preview' }).click();
    await expect.poll(() => form.locator('.parley-preview').innerHTML()).toContain('<strong>bold</strong>');
    await form.getByRole('tab', { name: 'Write' }).click();
    await form.getByLabel(/^Email/).fill('me@example.com');
    await form.getByLabel(/^Name/).fill('Me');
    await form.getByLabel('Comment', { exact: true }).press('Control+Enter');
    await expect.poll(() => area(page).locator('.parley-body', { hasText: 'Some bold words' }).count()).toBe(1);
    expect(posts).toHaveLength(1);
    await shot(page, 'light');
    await context.close();
  });

  test("the pseudo-locale's longer, accented words are neither clipped nor overflowing at 375 px, light or dark", async () => {
    const top = await seed(scene.server.url, '/qps/', 'Long words');
    await seed(scene.server.url, '/qps/', 'A reply', top);
    const context = await scene.browser.newContext({ viewport: { width: 375, height: 900 } });
    const page = await openHost(context, scene.blog, scene.server, { page: '/qps/', attributes: 'data-lang="qps" data-theme="dark"' });
    await expect.poll(() => root(page).getAttribute('lang')).toBe('qps');
    await expect.poll(() => area(page).locator('.parley-title').textContent()).toContain('[');
    const overflowing = await root(page).evaluate((section) =>
      [...section.querySelectorAll<HTMLElement>('h2, h3, label, button, a, p, small, time, option')]
        .filter((el) => el.offsetParent && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX != 'auto')
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(overflowing).toEqual([]);
    expect(
      await area(page)
        .locator('img.parley-avatar')
        .first()
        .evaluate((el) => getComputedStyle(el).filter),
    ).toBe('brightness(0.8)');
    const section = (await root(page).boundingBox())!;
    expect(section.x + section.width).toBeLessThanOrEqual(375);
    await shot(page, 'pseudo-dark');
    await context.close();
  });
});
