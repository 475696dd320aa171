import { describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumPath } from '../helpers/browser.ts';
import { area, openHost, postAsGuest, useScene } from './host.ts';

/** The element that has the focus, inside the widget's shadow root: `tag text`. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    return `${el.tagName.toLowerCase()} ${el.matches('input, textarea') ? (el as HTMLInputElement).value : el.textContent}`;
  });

/** Counts the requests for actions.js (actions.HASH.js) made by the pages of `context`. */
function countActionsRequests(context: BrowserContext) {
  const seen = { count: 0 };
  context.on('request', (request) => {
    if (/^\/actions\.[0-9a-f]{10}\.js$/.test(new URL(request.url()).pathname)) seen.count++;
  });
  return seen;
}

describe.skipIf(!chromiumPath)('the forms that load on demand (actions.js), in Chromium', () => {
  const scene = useScene();

  test('actions.js loads once a page, after the thread is drawn (it carries posting and live updates); Edit, Delete, Like and Report use it and hand the focus back on Cancel', async () => {
    const context = await scene.browser.newContext();
    const requests = countActionsRequests(context);
    const page = await openHost(context, scene.blog, scene.server, { page: '/on-demand/' });
    await postAsGuest(page, { text: 'Some **bold** words' });
    const mine = area(page).locator('article.parley-comment').first();
    await mine.getByRole('button', { name: 'Edit' }).waitFor();
    await mine.getByRole('button', { name: 'Edit' }).hover();
    await expect.poll(() => requests.count).toBe(1);

    await mine.getByRole('button', { name: 'Edit' }).click();
    // The textarea shows the Markdown and has the focus, as if the form had always been there.
    await expect.poll(() => focused(page)).toBe('textarea Some **bold** words');
    await mine.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => focused(page)).toBe('button Edit');
    // The same with the keyboard: Enter opens, Tab reaches Save then Cancel, Enter on Cancel closes.
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('textarea Some **bold** words');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button Save');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button Cancel');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('button Edit');

    await mine.getByRole('button', { name: 'Delete' }).click();
    await mine.getByText('Delete this comment?').waitFor();
    expect(await focused(page)).toBe('button Delete');
    await mine.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => focused(page)).toBe('button Delete');
    await mine.getByRole('button', { name: /^Like/ }).click();
    await expect.poll(() => mine.getByRole('button', { name: /^Like/ }).textContent()).toBe('Like 1');
    expect(requests.count).toBe(1);

    // Another reader reports it: their page loads actions.js once too, only after the thread was drawn.
    const other = await scene.browser.newContext();
    const theirs = countActionsRequests(other);
    let drawnFirst: boolean | undefined;
    other.on('request', async (request) => {
      if (!request.url().includes('/actions.') || drawnFirst !== undefined) return;
      drawnFirst = false;
      drawnFirst = await request
        .frame()
        .evaluate(() => !!document.querySelector('#comments')?.shadowRoot?.querySelector('article.parley-comment'))
        .catch(() => false);
    });
    const reader = await openHost(other, scene.blog, scene.server, { page: '/on-demand/' });
    const comment = area(reader).locator('article.parley-comment').first();
    await comment.getByRole('button', { name: 'Report' }).waitFor();
    await expect.poll(() => theirs.count).toBe(1);
    await expect.poll(() => drawnFirst).toBe(true);
    await comment.getByRole('button', { name: 'Report' }).click();
    await expect.poll(() => focused(reader)).toBe('input ');
    await comment.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => focused(reader)).toBe('button Report');
    await comment.getByRole('button', { name: 'Report' }).click();
    await comment.getByRole('textbox', { name: 'Why? (optional)' }).fill('Testing');
    await comment.getByRole('button', { name: 'Report' }).click();
    await comment.getByRole('button', { name: 'Reported', exact: true }).waitFor();
    expect([requests.count, theirs.count]).toEqual([1, 1]);
    await context.close();
    await other.close();
  });

  test('when actions.js cannot be loaded the comment says so, the button stays, and the next click tries again', async () => {
    const posted = await fetch(`${scene.server.url}/api/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ page: '/on-demand-offline/', text: 'Report me later', author: { name: 'Ada', email: 'ada@example.com' } }),
    });
    expect(posted.status).toBe(201);
    const context = await scene.browser.newContext();
    const requests = countActionsRequests(context);
    await context.route('**/actions.*.js', (route) => route.abort('connectionrefused'));
    const page = await openHost(context, scene.blog, scene.server, { page: '/on-demand-offline/' });
    const theirs = area(page).locator('article.parley-comment').first();
    await theirs.getByRole('button', { name: 'Report' }).click();
    await expect.poll(() => theirs.getByRole('alert').textContent()).toBe('The comment server could not be reached.');
    expect(await theirs.getByRole('button', { name: 'Report' }).isEnabled()).toBe(true);

    await context.unroute('**/actions.*.js');
    await theirs.getByRole('button', { name: 'Report' }).click();
    await expect.poll(() => focused(page)).toBe('input ');
    expect(await theirs.getByRole('alert').count()).toBe(0);
    // Loaded now: no more requests for it.
    const loads = requests.count;
    await theirs.getByRole('button', { name: 'Cancel' }).click();
    await theirs.getByRole('button', { name: 'Report' }).click();
    await expect.poll(() => focused(page)).toBe('input ');
    expect(requests.count).toBe(loads);
    await context.close();
  });
  test('the first paint draws the first screenful (six top-level comments, no form, no avatar asked for yet); the rest of the page, the avatars and the form follow at once', async () => {
    for (let i = 0; i < 10; i++) {
      const answer = await fetch(`${scene.server.url}/api/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ page: '/screenful/', text: `Comment ${i}`, author: { name: `Reader ${i}`, email: `r${i}@example.com` } }),
      });
      expect(answer.status).toBe(201);
    }
    const context = await scene.browser.newContext();
    // What the widget's shadow root held when its first comments were drawn.
    await context.addInitScript(() => {
      const w = window as unknown as { first?: { comments: number; form: boolean; avatars: number } };
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, init);
        new MutationObserver((_, observer) => {
          const comments = root.querySelectorAll('article.parley-comment').length;
          if (!comments) return;
          observer.disconnect();
          w.first = { comments, form: !!root.querySelector('form.parley-form'), avatars: root.querySelectorAll('img.parley-avatar[src]').length };
        }).observe(root, { childList: true, subtree: true });
        return root;
      };
    });
    const page = await openHost(context, scene.blog, scene.server, { page: '/screenful/' });
    await area(page).locator('form.parley-form').waitFor();
    expect(await page.evaluate(() => (window as unknown as { first: unknown }).first)).toEqual({ comments: 6, form: false, avatars: 0 });
    expect(await area(page).locator('article.parley-comment').count()).toBe(10);
    await expect.poll(() => area(page).locator('img.parley-avatar[src]').count()).toBe(10);
    // Each avatar is there, drawn: none left broken or empty.
    await expect
      .poll(() =>
        area(page)
          .locator('img.parley-avatar')
          .evaluateAll((imgs) => imgs.filter((img) => !(img as HTMLImageElement).naturalWidth).length),
      )
      .toBe(0);
    await context.close();
  });
});
