import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { area, openHost, postAsGuest, startBlog, type Blog } from './host.ts';

describe.skipIf(!chromiumPath)('a reader in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  let blog: Blog;
  const dir = tempDir();

  beforeAll(async () => {
    server = await startServer({ DATABASE_PATH: join(dir.path, 'parley.db') });
    browser = await launchBrowser();
    blog = await startBlog();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await blog?.close();
    dir.cleanup();
  });

  test('posts as a guest, replies, likes, edits and deletes', async () => {
    const context = await browser.newContext();
    const page = await openHost(context, blog, server, { page: '/flow/', title: 'Flow' });
    const comments = area(page);
    await expect.poll(() => comments.locator('h3').first().textContent()).toBe('Start a Conversation');
    await expect.poll(() => comments.getByText('Fill in your details below or click an icon to log in:').count()).toBe(1);

    await postAsGuest(page, { text: 'First *thought*', name: 'Ada', email: 'ada@example.com', url: 'ada.example.com' });
    const first = comments.locator('article.parley-comment').first();
    await expect.poll(() => first.locator('.parley-body').innerHTML()).toBe('<p>First <em>thought</em></p>');
    expect(await comments.locator('h2').textContent()).toBe('One thought on “Flow”');
    expect(await comments.locator('form.parley-form h3').textContent()).toBe('Leave a Reply');
    expect(await first.getByRole('link', { name: 'Ada' }).getAttribute('href')).toBe('http://ada.example.com/');
    expect(await first.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await first.locator('a.parley-date').getAttribute('href')).toMatch(/^#comment-\d+$/);

    await first.getByRole('button', { name: 'Reply' }).click();
    const replyForm = comments.locator('form.parley-form');
    expect(await replyForm.locator('h3').textContent()).toContain('Reply to Ada');
    await postAsGuest(page, { text: 'A reply', name: 'Bob', email: 'bob@example.com' });
    const replyText = comments.locator('.parley-body', { hasText: 'A reply' });
    await expect.poll(() => replyText.count()).toBe(1);
    const replyId = await replyText.evaluate((el) => el.closest('article')!.id);
    const reply = comments.locator(`#${replyId}`);
    // Nested under the comment it answers.
    const parentOfReply = await reply.evaluate((el) => el.closest('ol.parley-replies')!.parentElement!.querySelector(':scope > article')!.id);
    expect(parentOfReply).toBe(await first.getAttribute('id'));
    expect(await comments.locator('h2').textContent()).toBe('2 thoughts on “Flow”');

    const like = first.getByRole('button', { name: /^Like/ }).first();
    await like.click();
    await expect.poll(() => like.textContent()).toBe('Like 1');
    expect(await like.getAttribute('aria-pressed')).toBe('true');

    await reply.getByRole('button', { name: 'Edit' }).click();
    await reply.getByRole('textbox').fill('A better reply');
    await reply.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => reply.locator('.parley-body').textContent()).toBe('A better reply');

    await reply.getByRole('button', { name: 'Delete' }).click();
    await reply.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => comments.locator('article.parley-comment').count()).toBe(1);

    // What the reader did is what the server now holds.
    const thread = await (await fetch(`${server.url}/api/comments?page=/flow/`)).json();
    expect(thread.comments.map((c: any) => [c.html, c.likes])).toEqual([['<p>First <em>thought</em></p>', 1]]);
    await context.close();
  });

  test('a second reader sees the first reader\'s comment; the guest details are remembered', async () => {
    const alice = await browser.newContext();
    const page = await openHost(alice, blog, server, { page: '/shared/' });
    await postAsGuest(page, { text: 'Hello from Alice', name: 'Alice', email: 'alice@example.com' });
    await expect.poll(() => area(page).locator('article.parley-comment').count()).toBe(1);

    const bob = await browser.newContext();
    const other = await openHost(bob, blog, server, { page: '/shared/' });
    await expect.poll(() => area(other).locator('article.parley-comment .parley-body').textContent()).toBe('Hello from Alice');
    expect(await area(other).getByRole('button', { name: 'Edit' }).count()).toBe(0);

    await page.reload();
    const form = area(page).locator('form.parley-form');
    await expect.poll(() => form.getByLabel(/^Name/).inputValue()).toBe('Alice');
    expect(await form.getByLabel(/^Email/).inputValue()).toBe('alice@example.com');
    expect(await area(page).getByRole('button', { name: 'Edit' }).count()).toBe(1);
    await alice.close();
    await bob.close();
  });

  test('new comments by others appear without a reload and are announced politely', async () => {
    const watcher = await browser.newContext();
    const page = await openHost(watcher, blog, server, { page: '/live/' });
    await area(page).locator('form.parley-form').waitFor();
    await page.waitForTimeout(300); // the event stream connects
    const writer = await browser.newContext();
    const other = await openHost(writer, blog, server, { page: '/live/' });
    await postAsGuest(other, { text: 'Breaking news', name: 'Nora', email: 'nora@example.com' });
    await expect.poll(() => area(page).locator('.parley-body').allTextContents()).toEqual(['Breaking news']);
    expect(await area(page).locator('h2').textContent()).toBe('One thought on “A Post”');
    expect(await area(page).locator('[aria-live=polite]').textContent()).toBe('New comment by Nora.');
    await watcher.close();
    await writer.close();
  });

  test('an author edits their comment from a later visit starting from the Markdown they wrote', async () => {
    const context = await browser.newContext();
    const page = await openHost(context, blog, server, { page: '/markdown-edit/' });
    await postAsGuest(page, { text: 'Some **bold** words' });
    await area(page).locator('article.parley-comment').waitFor();
    await page.reload();
    await area(page).getByRole('button', { name: 'Edit' }).click();
    expect(await area(page).locator('article.parley-comment textarea').inputValue()).toBe('Some **bold** words');
    await context.close();
  });

  test('the server\'s field errors show inline under the field', async () => {
    const context = await browser.newContext();
    const page = await openHost(context, blog, server, { page: '/errors/' });
    await postAsGuest(page, { text: 'Hi', name: 'Eve', email: 'not-an-email' });
    const email = area(page).locator('form.parley-form').getByLabel(/^Email/);
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby'))!;
    const message = area(page).locator(`#${describedBy.split(' ').at(-1)}`);
    expect(await message.textContent()).toBe('Please enter a valid email address.');
    expect(await email.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await context.close();
  });

  test('a #comment-ID link on a later page of the thread loads it, scrolls to it and highlights it', async () => {
    const context = await browser.newContext();
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) {
      const response = await fetch(`${server.url}/api/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ page: '/long/', text: `Comment ${i}`, author: { name: `R${i}`, email: `r${i}@example.com` } }),
      });
      ids.push(((await response.json()) as any).comment.id);
    }
    const page = await openHost(context, blog, server, { page: '/long/', hash: `#comment-${ids[57]}` });
    const target = area(page).locator(`#comment-${ids[57]}`);
    await expect.poll(() => target.getAttribute('class')).toContain('parley-target');
    expect(await target.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= innerHeight;
    })).toBe(true);
    await context.close();
  });

  test('the thread keeps its comments across a server restart', async () => {
    const path = join(dir.path, 'restart.db');
    let own = await startServer({ DATABASE_PATH: path });
    const context = await browser.newContext();
    let page = await openHost(context, blog, own, { page: '/durable/' });
    await postAsGuest(page, { text: 'Still here after a restart' });
    await expect.poll(() => area(page).locator('article.parley-comment').count()).toBe(1);
    await own.stop({ kill: true });
    own = await startServer({ DATABASE_PATH: path });
    try {
      page = await openHost(context, blog, own, { page: '/durable/' });
      await expect.poll(() => area(page).locator('.parley-body').textContent()).toBe('Still here after a restart');
    } finally {
      await context.close();
      await own.stop();
    }
  });

  test('comment counts on a listing page are filled in with one request', async () => {
    for (const page of ['/count-a/', '/count-a/', '/count-b/']) {
      await fetch(`${server.url}/api/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ page, text: `On ${page} ${Math.random()}`, author: { name: 'C', email: 'c@example.com' } }),
      });
    }
    const context = await browser.newContext();
    const requests: string[] = [];
    context.on('request', (request) => {
      if (request.url().includes('/api/counts')) requests.push(request.url());
    });
    const page = await openHost(context, blog, server, {
      page: '/listing/',
      body: '<ul><li><a id="a" href="/count-a/" data-parley-count="/count-a/">…</a></li><li><a id="b" href="/count-b/" data-parley-count="/count-b/">…</a></li><li><a id="c" href="/count-c/" data-parley-count="/count-c/">…</a></li></ul>',
    });
    await expect.poll(() => page.locator('#a').textContent()).toBe('2 Comments');
    expect(await page.locator('#b').textContent()).toBe('1 Comment');
    expect(await page.locator('#c').textContent()).toBe('0 Comments');
    expect(requests).toHaveLength(1);
    await context.close();
  });

  test('a host stylesheet with aggressive global rules does not change the widget', async () => {
    const context = await browser.newContext();
    await fetch(`${server.url}/api/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ page: '/styled/', text: 'Styled?', author: { name: 'S', email: 's@example.com' } }),
    });
    const look = async (head: string) => {
      const page = await openHost(context, blog, server, { page: '/styled/', head });
      await area(page).locator('article.parley-comment').waitFor();
      const styles = await page.evaluate(() => {
        const root = document.querySelector('#comments')!.shadowRoot!;
        const pick = (selector: string) => {
          const style = getComputedStyle(root.querySelector(selector)!);
          return [style.color, style.display, style.fontFamily, style.fontSize, style.backgroundColor].join(' | ');
        };
        return ['h2', '.parley-body p', 'button.parley-button', 'label', 'textarea', 'time'].map(pick);
      });
      const box = await area(page).locator('button.parley-button').boundingBox();
      await page.close();
      return { styles, width: Math.round(box!.width) };
    };
    const clean = await look('');
    const hostile = await look('<style>* { color: red !important; display: block; font: 40px Impact !important; background: yellow !important } button { width: 100% !important }</style>');
    expect(hostile).toEqual(clean);
    await context.close();
  });

  test('the page stays usable when the server cannot be reached, and Retry recovers', async () => {
    const context = await browser.newContext();
    let fail = true;
    await context.route(`${server.url}/api/comments?**`, (route) => (fail ? route.abort('connectionrefused') : route.continue()));
    const page = await openHost(context, blog, server, { page: '/flaky/' });
    const retry = area(page).getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    expect(await area(page).getByRole('alert').first().textContent()).toContain('Comments could not be loaded.');
    fail = false;
    await retry.click();
    await expect.poll(() => area(page).locator('form.parley-form h3').textContent()).toBe('Start a Conversation');
    await context.close();
  });

  test('single-page apps mount, update and destroy threads with window.Parley', async () => {
    for (const page of ['/spa-1/', '/spa-2/']) {
      await fetch(`${server.url}/api/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ page, text: `Comment on ${page}`, author: { name: 'S', email: 's@example.com' } }),
      });
    }
    const context = await browser.newContext();
    const page = await openHost(context, blog, server, { page: '/spa-shell/', body: '<div id="spa"></div>' });
    await page.waitForFunction(() => 'Parley' in window);
    await page.evaluate(() => {
      (window as any).handle = (window as any).Parley.mount(document.getElementById('spa'), { page: '/spa-1/', title: 'SPA one' });
    });
    const spa = page.locator('#spa');
    await expect.poll(() => spa.locator('.parley-body').allTextContents()).toEqual(['Comment on /spa-1/']);
    expect(await spa.locator('h2').textContent()).toBe('One thought on “SPA one”');
    await page.evaluate(() => (window as any).handle.update({ page: '/spa-2/', title: 'SPA two' }));
    await expect.poll(() => spa.locator('.parley-body').allTextContents()).toEqual(['Comment on /spa-2/']);
    expect(await spa.locator('h2').textContent()).toBe('One thought on “SPA two”');
    await page.evaluate(() => (window as any).handle.destroy());
    expect(await page.evaluate(() => document.getElementById('spa')!.shadowRoot!.childElementCount)).toBe(0);
    await context.close();
  });

  test('data-theme picks the dark colours; auto follows the reader\'s colour scheme', async () => {
    const background = async (options: { attributes?: string; scheme: 'light' | 'dark' }) => {
      const context = await browser.newContext({ colorScheme: options.scheme });
      const page = await openHost(context, blog, server, { page: '/theme/', attributes: options.attributes });
      await area(page).locator('form.parley-form').waitFor();
      const color = await area(page).locator('section.parley').evaluate((el) => getComputedStyle(el).backgroundColor);
      await context.close();
      return color;
    };
    const light = 'rgb(255, 255, 255)';
    const dark = 'rgb(29, 35, 39)';
    expect(await background({ scheme: 'light' })).toBe(light);
    expect(await background({ scheme: 'dark' })).toBe(dark);
    expect(await background({ scheme: 'light', attributes: 'data-theme="dark"' })).toBe(dark);
    expect(await background({ scheme: 'dark', attributes: 'data-theme="light"' })).toBe(light);
  });

  test('the whole flow works with the keyboard alone', async () => {
    const context = await browser.newContext();
    const page = await openHost(context, blog, server, { page: '/keyboard/' });
    await area(page).locator('form.parley-form').waitFor();
    const focused = () => page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el ? `${el.tagName.toLowerCase()}#${el.id}` : '';
    });
    for (let i = 0; i < 30 && (await focused()) !== 'textarea#parley-text'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('textarea#parley-text');
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Tab');
    await page.keyboard.type('keys@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Keys');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^button/);
    const outline = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return getComputedStyle(el!).outlineStyle;
    });
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect.poll(() => area(page).locator('.parley-body').textContent()).toBe('Typed without a mouse');
    await context.close();
  });
});
