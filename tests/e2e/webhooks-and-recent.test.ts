/**
 * Webhooks and the recent-comments list, end to end: the built server, Chromium, a blog on another
 * origin, and a webhook receiver on loopback.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumPath } from '../helpers/browser.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';
import { join } from 'node:path';
import { tempDir } from '../helpers/server.ts';
import { openHost, postAsGuest, area, useScene } from './host.ts';
import { axeViolations, createModerator, MOD_EMAIL, MOD_PASSWORD, postComment, signInAtAdmin } from './admin-helpers.ts';

const SECRET = 'e2e-webhook-secret-0123456789';

async function until<T>(what: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = what();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!chromiumPath)('webhooks and recent comments in a real browser', () => {
  let receiver: WebhookReceiver;
  const data = tempDir();
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    env.WEBHOOK_URLS = `${receiver.url}/parley-hook`;
    await createModerator(env.DATABASE_PATH!);
  });
  afterAll(async () => {
    await receiver?.close();
    data.cleanup();
  });
  // Filled in before the scene starts (useScene's beforeAll runs after the one above).
  const env: Record<string, string> = { WEBHOOK_SECRET: SECRET, DATABASE_PATH: join(data.path, 'parley.db') };
  const scene = useScene(env);

  test('a comment posted in the widget reaches a receiver on loopback, signed, with no email in it', async () => {
    const context = await scene.browser.newContext();
    const tab = await openHost(context, scene.blog, scene.server, { page: '/2019/07/a-post/', title: 'A Post' });
    await postAsGuest(tab, { text: 'Hello from the browser', name: 'Reader', email: 'reader@example.com' });
    await area(tab).getByText('Hello from the browser').waitFor();
    const call = await until(() => receiver.calls.find((c) => c.headers['x-parley-event'] === 'comment.created'));
    expect(call.path).toBe('/parley-hook');
    expect(call.headers['x-parley-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(call.body).digest('hex')}`);
    const payload = JSON.parse(call.body);
    expect(payload).toMatchObject({
      event: 'comment.created',
      page: '/2019/07/a-post/',
      title: 'A Post',
      comment: { text: 'Hello from the browser', author: { name: 'Reader' } },
    });
    expect(call.body).not.toContain('reader@example.com');
    await context.close();
  });

  test('a message’s moderation link opens its comment alone in the admin view, once the moderator signs in', async () => {
    const call = await until(() => receiver.calls.find((c) => c.headers['x-parley-event'] === 'comment.created'));
    const link = new URL(JSON.parse(call.body).moderationUrl);
    expect(link.pathname + link.hash).toMatch(/^\/admin\/#comment-\d+$/);
    const context = await scene.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${scene.server.url}${link.pathname}${link.hash}`);
    await page.getByLabel('Email').fill(MOD_EMAIL);
    await page.getByLabel('Password').fill(MOD_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const rows = page.locator('ol.rows > li');
    await rows.getByText('Hello from the browser').waitFor();
    expect(await rows.count()).toBe(1);
    expect(await page.locator('.tabs [aria-current="page"]').textContent()).toMatch(/^Approved/);
    await context.close();
  });

  test('the recent list fills on a listing page, as links to the comments, in the page’s language', async () => {
    const context = await scene.browser.newContext();
    const listing = (lang: string) =>
      scene.blog.serve(
        `/listing-${lang}/`,
        `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Blog</title></head><body>
          <h1>Posts</h1><a href="/2019/07/a-post/" data-parley-count="/2019/07/a-post/">…</a>
          <aside><h2>Recent comments</h2><div data-parley-recent data-limit="3"></div></aside>
          <script src="${scene.server.url}/count.js" async></script></body></html>`,
      );
    const tab = await context.newPage();
    await tab.goto(listing('en'));
    const item = tab.locator('[data-parley-recent] li').first();
    await item.waitFor();
    await expect(item.locator('a').textContent()).resolves.toBe('Reader on A Post');
    expect(await item.locator('a').getAttribute('href')).toMatch(/^\/2019\/07\/a-post\/#comment-\d+$/);
    expect(await item.locator('p').textContent()).toBe('Hello from the browser');
    expect(await tab.locator('[data-parley-count]').textContent()).toBe('1 Comment');
    // Text only: the list is in a shadow root, themed by the widget's variables.
    expect(await tab.locator('[data-parley-recent]').evaluate((el) => el.shadowRoot?.querySelector('.parley') !== null)).toBe(true);

    await tab.goto(listing('de'));
    const german = tab.locator('[data-parley-recent] li a').first();
    await german.waitFor();
    await expect(german.textContent()).resolves.toBe('Reader zu „A Post“');
    expect(await tab.locator('[data-parley-recent] ul').getAttribute('aria-label')).toBe('Neueste Kommentare');

    await tab.goto(listing('he'));
    await tab.locator('[data-parley-recent] li').first().waitFor();
    expect(await tab.locator('[data-parley-recent] .parley').getAttribute('dir')).toBe('rtl');
    await context.close();
  });

  test('the recent list is themed as the thread: the host’s --parley-* properties, and data-theme', async () => {
    const context = await scene.browser.newContext({ colorScheme: 'light' });
    const listing = (name: string, style: string, tag: string) =>
      scene.blog.serve(
        `/listing-${name}/`,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blog</title><style>${style}</style></head><body>
          <aside><div data-parley-recent data-limit="3"></div></aside>
          <script src="${scene.server.url}/count.js" async ${tag}></script></body></html>`,
      );
    const tab = await context.newPage();
    const look = async () => {
      const link = tab.locator('[data-parley-recent] li a').first();
      await link.waitFor();
      const box = tab.locator('[data-parley-recent] .parley');
      return {
        link: await link.evaluate((a) => getComputedStyle(a).color),
        scheme: await box.evaluate((b) => getComputedStyle(b).colorScheme),
        background: await box.evaluate((b) => getComputedStyle(b).backgroundColor),
        text: await box.evaluate((b) => getComputedStyle(b).color),
      };
    };
    await tab.goto(listing('themed', 'aside{--parley-accent:#c00;--parley-bg:#fafafa;--parley-text:#222}', ''));
    expect(await look()).toEqual({ link: 'rgb(204, 0, 0)', scheme: 'light dark', background: 'rgb(250, 250, 250)', text: 'rgb(34, 34, 34)' });
    // data-theme="dark" on the count.js tag: the widget's dark defaults on a reader whose system is light.
    await tab.goto(listing('dark', '', 'data-theme="dark"'));
    expect(await look()).toEqual({ link: 'rgb(114, 174, 230)', scheme: 'dark', background: 'rgb(29, 35, 39)', text: 'rgb(240, 240, 241)' });
    // Without it, the reader's light scheme and the light defaults.
    await tab.goto(listing('auto', '', 'data-theme="auto"'));
    expect(await look()).toMatchObject({ link: 'rgb(34, 113, 177)', background: 'rgb(255, 255, 255)' });
    await context.close();
  });

  test('the admin Webhooks screen lists deliveries and failures, and Retry sends a failed one again', async () => {
    receiver.answer(410);
    const before = receiver.calls.length;
    const posted = await postComment(scene.server.url, {
      page: '/2019/07/a-post/',
      title: 'A Post',
      text: 'Refused once',
      author: { name: 'Gus', email: 'gus@example.com' },
    });
    expect(posted.status).toBe(201);
    await until(() => (receiver.calls.length > before ? true : undefined));
    const context = await scene.browser.newContext();
    const page = await context.newPage();
    await signInAtAdmin(page, scene.server.url);
    await page.getByRole('button', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    await page.getByText(`${receiver.url} (signed JSON)`).waitFor();
    await page.getByRole('cell', { name: 'Delivered (HTTP 204)' }).first().waitFor();
    await page.getByRole('cell', { name: 'Failed (HTTP 410)' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    receiver.answer(204);
    await page.getByRole('button', { name: /^Retry delivery \d+$/ }).click();
    await page.getByText('The delivery is queued again.').waitFor();
    const again = await until(() => receiver.calls.slice(before + 1).find((c) => JSON.parse(c.body).comment.text === 'Refused once'), 20_000);
    expect(again.headers['x-parley-delivery']).toBe(receiver.calls[before]!.headers['x-parley-delivery']);
    await context.close();
  });
});
