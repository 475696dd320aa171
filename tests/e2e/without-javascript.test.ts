/**
 * Comments without JavaScript, in a real Chromium against the real server: a blog page that holds
 * the server-drawn thread (fetched from GET /thread.html as a server-side include would, on every
 * request, so a new comment shows at once). With scripts off a reader reads, pages, posts, sees the
 * held notice and gets a refused field back with their text; with scripts on, embed.js takes over
 * the thread already on the page without a layout shift (CLS measured with a PerformanceObserver).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';

const VIEWPORT = { width: 1280, height: 900 };

interface Blog {
  origin: string;
  close(): Promise<void>;
}

/**
 * A blog whose post pages include the thread drawn by Parley (`/thread.html`), fetched for each request; `?script` adds
 * embed.js; `?bare` is embed.js alone, the snippet as most blogs paste it (and no footer: only the thread's own moves count).
 */
async function startIncludingBlog(parley: () => string): Promise<Blog> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://blog');
    const page = url.pathname;
    const bare = url.searchParams.has('bare');
    const fragment = bare ? '' : await (await fetch(`${parley()}/thread.html?${new URLSearchParams({ page, title: 'A Post' })}`)).text();
    const script =
      bare || url.searchParams.has('script')
        ? `<script src="${parley()}/embed.js" async data-target="#comments" data-page="${page}" data-title="A Post"></script>`
        : '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A Post</title><style>body { margin: 0 auto; max-width: 46em; font: 16px/1.5 sans-serif; } footer { height: 300px; background: #eee; }</style></head>
<body><article><h1>A Post</h1><p>Post body.</p></article>
<div id="comments">${fragment}</div>${script}
${bare ? '' : "<footer>The blog's footer.</footer>"}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://localhost:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const dir = tempDir();
let browser: Browser;
let parley: RunningServer;
let blog: Blog;

beforeAll(async () => {
  if (!chromiumPath) return;
  blog = await startIncludingBlog(() => parley.url);
  parley = await startServer({ DATABASE_PATH: join(dir.path, 'parley.db'), SITE_ORIGINS: blog.origin });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await parley?.stop();
  await blog?.close();
  dir.cleanup();
});

/** Seeds comments through the JSON API (as other readers would have posted them). */
async function seed(page: string, texts: string[]) {
  for (const text of texts) {
    const response = await fetch(`${parley.url}/api/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: blog.origin },
      body: JSON.stringify({ page, title: 'A Post', text, author: { name: 'Seeder', email: 'seed@example.com' } }),
    });
    expect(response.status).toBe(201);
  }
}

async function open(javaScriptEnabled: boolean, path: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(`${blog.origin}${path}`);
  return page;
}

describe.skipIf(!chromiumPath)('with JavaScript disabled', () => {
  test('a reader reads the thread in the page, styled, and pages through it with the plain link', async () => {
    await seed(
      '/read/',
      Array.from({ length: 51 }, (_, i) => `Comment number ${i + 1}`),
    );
    const page = await open(false, '/read/');
    await expect.poll(() => page.locator('h2.parley-title').textContent()).toBe('51 thoughts on “A Post”');
    expect(await page.locator('article.parley-comment').count()).toBe(50);
    await expect.poll(() => page.locator('#comment-1').isVisible()).toBe(true);
    // The stylesheet applies: the avatar's gutter, as in the widget.
    expect(await page.locator('#comment-1').evaluate((el) => getComputedStyle(el).paddingInlineStart)).toBe('64px');
    await page.getByRole('link', { name: 'Load more comments' }).click();
    await page.waitForURL(/\/thread\.html\?.*standalone=1/);
    expect(await page.locator('article.parley-comment').allTextContents()).toEqual([expect.stringContaining('Comment number 51')]);
    await page.context().close();
  });

  test('a reader posts with the plain form and lands on their published comment', async () => {
    const page = await open(false, '/post/');
    await page.getByLabel('Comment', { exact: true }).fill('Posted with *scripts* off');
    await page.getByLabel('Email (required)').fill('noscript@example.com');
    await page.getByLabel('Name (required)').fill('No Script');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForURL(new RegExp(`^${blog.origin}/post/#comment-\\d+$`));
    const id = new URL(page.url()).hash;
    await expect.poll(() => page.locator(`${id} .parley-body`).innerHTML()).toBe('<p>Posted with <em>scripts</em> off</p>');
    expect(await page.locator(`${id} [itemprop="name"]`).textContent()).toBe('No Script');
    await page.context().close();
  });

  test('a held comment brings the reader back to the notice that it awaits moderation', async () => {
    const page = await open(false, '/held/');
    expect(await page.locator('#parley-held').isVisible()).toBe(false);
    // Two links: held for moderation by the default rule.
    await page.getByLabel('Comment', { exact: true }).fill('See http://a.example and http://b.example');
    await page.getByLabel('Email (required)').fill('links@example.com');
    await page.getByLabel('Name (required)').fill('Linker');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForURL(`${blog.origin}/held/#parley-held`);
    await expect.poll(() => page.locator('#parley-held').isVisible()).toBe(true);
    expect(await page.locator('#parley-held').textContent()).toBe('Your comment is awaiting moderation.');
    expect(await page.locator('article.parley-comment').count()).toBe(0);
    await page.context().close();
  });

  test('a refused field comes back with the text kept and the error beside it; corrected, it posts', async () => {
    const page = await open(false, '/refused/');
    await page.getByLabel('Comment', { exact: true }).fill('My carefully written thoughts');
    await page.getByLabel('Email (required)').fill('not an email');
    await page.getByLabel('Name (required)').fill('Typo');
    // The browser's own check would stop this post; a reader's older browser may not have it.
    await page.locator('form.parley-form').evaluate((form) => form.setAttribute('novalidate', ''));
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForURL(`${parley.url}/comments/form`);
    expect(await page.getByLabel('Comment', { exact: true }).inputValue()).toBe('My carefully written thoughts');
    const email = page.getByLabel('Email (required)');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#parley-email-e').textContent()).toBe('Please enter a valid email address.');
    expect(await email.evaluate((el) => el.getAttribute('aria-describedby'))).toContain('parley-email-e');
    await email.fill('typo@example.com');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    // Posted from the document this server drew: back to that document, at the comment.
    await page.waitForURL(/\/thread\.html\?page=%2Frefused%2F.*standalone=1#comment-\d+$/);
    await expect.poll(() => page.locator(`${new URL(page.url()).hash} .parley-body`).textContent()).toBe('My carefully written thoughts');
    await page.context().close();
  });
});

/** Collects layout shifts from the first paint on (the buffered entries included), as CLS counts them. */
const OBSERVE_SHIFTS = () => {
  type Source = { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly };
  const w = window as unknown as { __shifts: { value: number; at: number; sources: string[] }[] };
  w.__shifts = [];
  const describe = (s: Source) => {
    const el = s.node as Element | undefined;
    const name = el ? `${el.nodeName}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ')[0] : ''}` : '?';
    return `${name} y ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)} h ${Math.round(s.previousRect.height)}→${Math.round(s.currentRect.height)}`;
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: Source[] })[]) {
      if (!entry.hadRecentInput) w.__shifts.push({ value: entry.value, at: Math.round(entry.startTime), sources: (entry.sources ?? []).map(describe) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
};

/**
 * Counts, at every frame from the first on, how many copies of the thread's first comment are on
 * screen: the page's (server-drawn) and the widget's. Two at once is a duplicate; none after one
 * was shown is a flash of an empty thread.
 */
const WATCH_COPIES = () => {
  const w = window as unknown as { __copies: number[] };
  w.__copies = [];
  const frame = () => {
    const host = document.querySelector('#comments');
    const first = host?.querySelector('article.parley-comment');
    const copies = first ? [first, host!.shadowRoot?.getElementById(first.id)] : [];
    w.__copies.push(copies.filter((el) => el && el.getClientRects().length > 0).length);
    if (w.__copies.length < 240) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};

describe.skipIf(!chromiumPath)('with JavaScript enabled, over a page that holds the thread', () => {
  test.each([
    ['a thread that fits on the screen, form and footer in view', '/takeover-short/', 2],
    ['a longer thread', '/takeover-long/', 12],
  ])('embed.js takes over %s without a layout shift, fetching the thread once', async (_, path, n) => {
    await seed(
      path,
      Array.from({ length: n }, (_, i) => `Thought ${i + 1}: ${'words '.repeat(10 + (i % 3) * 15)}`),
    );
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(OBSERVE_SHIFTS);
    await context.addInitScript(WATCH_COPIES);
    const page = await context.newPage();
    const reads: string[] = [];
    page.on('request', (request) => request.url().includes('/api/comments') && reads.push(request.url()));
    await page.goto(`${blog.origin}${path}?script`);
    // Taken over: the widget draws the thread in its shadow root, and the page's own copy is no longer shown.
    await expect
      .poll(() => page.evaluate(() => document.querySelector('#comments')!.shadowRoot?.querySelectorAll('article.parley-comment').length ?? 0))
      .toBe(n);
    await expect.poll(() => page.evaluate(() => document.querySelector('#comments .parley-ssr')!.getClientRects().length)).toBe(0);
    await page.evaluate(() => document.querySelector('#comments')!.shadowRoot!.querySelector('form.parley-form'));
    // Let actions.js arrive and the page settle.
    await page.waitForTimeout(1500);
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: { value: number; sources: string[] }[] }).__shifts);
    const cls = shifts.reduce((sum, s) => sum + s.value, 0);
    console.log(`[parley] take-over of ${n} comments: CLS ${cls.toFixed(4)} (${shifts.length} shifts: ${JSON.stringify(shifts)})`);
    expect(cls).toBeLessThanOrEqual(0.05);
    // One comment each, not two: the visible copies of #comment-1 are the widget's only.
    const visible = await page.evaluate(() => {
      const host = document.querySelector('#comments')!;
      const id = host.querySelector('article.parley-comment')!.id;
      return [host.querySelector(`#${id}`), host.shadowRoot!.querySelector(`#${id}`)].map((el) => (el ? el.getClientRects().length > 0 : false));
    });
    expect(visible).toEqual([false, true]);
    // And at no frame on the way: never both copies, never none once the page's copy was shown.
    const copies = await page.evaluate(() => (window as unknown as { __copies: number[] }).__copies);
    expect(Math.max(...copies)).toBe(1);
    expect(copies.slice(copies.indexOf(1))).not.toContain(0);
    expect(reads).toHaveLength(1);
    await context.close();
  });

  test("when the thread cannot be loaded, the error and Retry show above the page's own copy, which stays readable", async () => {
    await seed('/takeover-failed/', ['Readable without the API']);
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.route('**/api/comments?*', (route) => route.abort());
    await page.goto(`${blog.origin}/takeover-failed/?script`);
    await expect
      .poll(() => page.evaluate(() => document.querySelector('#comments')!.shadowRoot?.querySelector('[role="alert"]')?.textContent ?? ''))
      .toMatch(/Retry/);
    const shown = await page.evaluate(() => {
      const copy = document.querySelector('#comments .parley-ssr article.parley-comment')!;
      return { visible: copy.getClientRects().length > 0, text: copy.textContent };
    });
    expect(shown.visible).toBe(true);
    expect(shown.text).toContain('Readable without the API');
    await context.close();
  });

  test.each([
    [375, 800],
    [1280, 900],
  ])(
    'drawn from nothing at %i px wide, the first screenful is not moved by what follows (the rest of the page, avatars, actions.js)',
    async (width, height) => {
      const path = `/from-nothing-${width}/`;
      await seed(
        path,
        Array.from({ length: 14 }, (_, i) => `Thought ${i + 1}: ${'words '.repeat(8 + (i % 4) * 12)}`),
      );
      const context = await browser.newContext({ viewport: { width, height } });
      await context.addInitScript(OBSERVE_SHIFTS);
      const page = await context.newPage();
      await page.goto(`${blog.origin}${path}?bare`);
      await expect
        .poll(() => page.evaluate(() => document.querySelector('#comments')!.shadowRoot?.querySelectorAll('article.parley-comment').length ?? 0))
        .toBe(14);
      await page.waitForTimeout(1500);
      const shifts = await page.evaluate(() => (window as unknown as { __shifts: { value: number; sources: string[] }[] }).__shifts);
      const cls = shifts.reduce((sum, s) => sum + s.value, 0);
      console.log(`[parley] first draw at ${width} px: CLS ${cls.toFixed(4)} (${JSON.stringify(shifts)})`);
      // A comment in view drawn at its estimated size first (content-visibility) moved the rest: 0.07 at 375 px.
      expect(cls).toBeLessThanOrEqual(0.01);
      await context.close();
    },
  );
});
