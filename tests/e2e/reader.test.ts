import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { chromiumPath } from '../helpers/browser.ts';
import { startServer } from '../helpers/server.ts';
import { area, openHost, postAsGuest, useScene } from './host.ts';

describe.skipIf(!chromiumPath)('a reader in Chromium', () => {
  const scene = useScene();
  test('posts as a guest, replies, likes, edits and deletes', async () => {
    const context = await scene.browser.newContext();
    const page = await openHost(context, scene.blog, scene.server, { page: '/flow/', title: 'Flow' });
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
    const thread = await (await fetch(`${scene.server.url}/api/comments?page=/flow/`)).json();
    expect(thread.comments.map((c: any) => [c.html, c.likes])).toEqual([['<p>First <em>thought</em></p>', 1]]);
    await context.close();
  });

  test("a second reader sees the first reader's comment; the guest details are remembered", async () => {
    const alice = await scene.browser.newContext();
    const page = await openHost(alice, scene.blog, scene.server, { page: '/shared/' });
    await postAsGuest(page, { text: 'Hello from Alice', name: 'Alice', email: 'alice@example.com' });
    await expect.poll(() => area(page).locator('article.parley-comment').count()).toBe(1);

    const bob = await scene.browser.newContext();
    const other = await openHost(bob, scene.blog, scene.server, { page: '/shared/' });
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
    const watcher = await scene.browser.newContext();
    const page = await openHost(watcher, scene.blog, scene.server, { page: '/live/' });
    await area(page).locator('form.parley-form').waitFor();
    await page.waitForTimeout(300); // the event stream connects
    const writer = await scene.browser.newContext();
    const other = await openHost(writer, scene.blog, scene.server, { page: '/live/' });
    await postAsGuest(other, { text: 'Breaking news', name: 'Nora', email: 'nora@example.com' });
    await expect.poll(() => area(page).locator('.parley-body').allTextContents()).toEqual(['Breaking news']);
    expect(await area(page).locator('h2').textContent()).toBe('One thought on “A Post”');
    expect(await area(page).locator('[aria-live=polite]').textContent()).toBe('New comment by Nora.');
    await watcher.close();
    await writer.close();
  });

  test('an author edits their comment from a later visit starting from the Markdown they wrote', async () => {
    const context = await scene.browser.newContext();
    const page = await openHost(context, scene.blog, scene.server, { page: '/markdown-edit/' });
    await postAsGuest(page, { text: 'Some **bold** words' });
    await area(page).locator('article.parley-comment').waitFor();
    await page.reload();
    await area(page).getByRole('button', { name: 'Edit' }).click();
    expect(await area(page).locator('article.parley-comment textarea').inputValue()).toBe('Some **bold** words');
    await context.close();
  });

  test("the server's field errors show inline under the field", async () => {
    const context = await scene.browser.newContext();
    const page = await openHost(context, scene.blog, scene.server, { page: '/errors/' });
    await postAsGuest(page, { text: 'Hi', name: 'Eve', email: 'not-an-email' });
    const email = area(page)
      .locator('form.parley-form')
      .getByLabel(/^Email/);
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby'))!;
    const message = area(page).locator(`#${describedBy.split(' ').at(-1)}`);
    expect(await message.textContent()).toBe('Please enter a valid email address.');
    expect(await email.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await context.close();
  });

  test('a #comment-ID link on a later page of the thread loads it, scrolls to it and highlights it', async () => {
    const context = await scene.browser.newContext();
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) {
      const response = await fetch(`${scene.server.url}/api/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ page: '/long/', text: `Comment ${i}`, author: { name: `R${i}`, email: `r${i}@example.com` } }),
      });
      ids.push(((await response.json()) as any).comment.id);
    }
    const page = await openHost(context, scene.blog, scene.server, { page: '/long/', hash: `#comment-${ids[57]}` });
    const target = area(page).locator(`#comment-${ids[57]}`);
    await expect.poll(() => target.getAttribute('class')).toContain('parley-target');
    expect(
      await target.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight;
      }),
    ).toBe(true);
    await context.close();
  });

  test('the thread keeps its comments across a server restart', async () => {
    const path = join(scene.dir, 'restart.db');
    let own = await startServer({ DATABASE_PATH: path });
    const context = await scene.browser.newContext();
    let page = await openHost(context, scene.blog, own, { page: '/durable/' });
    await postAsGuest(page, { text: 'Still here after a restart' });
    await expect.poll(() => area(page).locator('article.parley-comment').count()).toBe(1);
    await own.stop({ kill: true });
    own = await startServer({ DATABASE_PATH: path });
    try {
      page = await openHost(context, scene.blog, own, { page: '/durable/' });
      await expect.poll(() => area(page).locator('.parley-body').textContent()).toBe('Still here after a restart');
    } finally {
      await context.close();
      await own.stop();
    }
  });
});
