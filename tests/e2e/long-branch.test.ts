import { describe, expect, test } from 'vitest';
import { chromiumPath } from '../helpers/browser.ts';
import { area, openHost, useScene } from './host.ts';

/** Posts a guest comment straight to the server; returns its id. */
async function post(base: string, page: string, text: string, parent?: number): Promise<number> {
  const response = await fetch(`${base}/api/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ page, text, parent, author: { name: `Reader ${text}`, email: 'r@example.com' } }),
  });
  if (response.status !== 201) throw new Error(`post failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { comment: { id: number } }).comment.id;
}

describe.skipIf(!chromiumPath)('a branch longer than one page, in Chromium', () => {
  const scene = useScene();

  test('shows "Show more replies" under it; clicking loads the rest; a permalink deep in it is reached', async () => {
    const base = scene.server.url;
    const root = await post(base, '/long/', 'the root');
    const replies: number[] = [];
    for (let i = 1; i <= 260; i++) replies.push(await post(base, '/long/', `reply ${i}`, root));
    const context = await scene.browser.newContext();

    const page = await openHost(context, scene.blog, scene.server, { page: '/long/', title: 'Long' });
    const comments = area(page);
    const more = comments.getByRole('button', { name: 'Show more replies' });
    await expect.poll(() => more.count()).toBe(1);
    expect(await comments.locator('article.parley-comment').count()).toBe(200);
    expect(await comments.locator('h2').textContent()).toBe('261 thoughts on “Long”');
    await more.click();
    await expect.poll(() => comments.locator('article.parley-comment').count()).toBe(261);
    expect(await more.count()).toBe(0);
    // In order, under their root.
    const shown = await comments.locator(`#comment-${root} + ol.parley-replies > li > article`).evaluateAll((els) => els.map((e) => e.id));
    expect(shown).toEqual(replies.map((id) => `comment-${id}`));

    const deep = replies[249]!;
    const linked = await openHost(context, scene.blog, scene.server, { page: '/long/', title: 'Long', hash: `#comment-${deep}` });
    const target = area(linked).locator(`#comment-${deep}`);
    await expect.poll(() => target.getAttribute('class')).toContain('parley-target');
    expect(await target.locator('.parley-body').textContent()).toBe('reply 250');
    await context.close();
  });
});
