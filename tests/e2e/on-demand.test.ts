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

  test("actions.js loads once, when the pointer first reaches a comment's actions; Edit, Delete, Like and Report use it and hand the focus back on Cancel", async () => {
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

    // Another reader reports it: their page loads actions.js once too.
    const other = await scene.browser.newContext();
    const theirs = countActionsRequests(other);
    const reader = await openHost(other, scene.blog, scene.server, { page: '/on-demand/' });
    const comment = area(reader).locator('article.parley-comment').first();
    await comment.getByRole('button', { name: 'Report' }).waitFor();
    // Drawn, and nothing of actions.js fetched while the reader has not come near a comment's actions.
    await reader.waitForTimeout(200);
    expect(theirs.count).toBe(0);
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
    const context = await scene.browser.newContext();
    const requests = countActionsRequests(context);
    const page = await openHost(context, scene.blog, scene.server, { page: '/on-demand-offline/' });
    await postAsGuest(page, { text: 'Edit me later' });
    const mine = area(page).locator('article.parley-comment').first();
    await page.route('**/actions.*.js', (route) => route.abort('connectionrefused'));
    await mine.getByRole('button', { name: 'Edit' }).click();
    await expect.poll(() => mine.getByRole('alert').textContent()).toBe('The comment server could not be reached.');
    expect(await mine.getByRole('button', { name: 'Edit' }).isEnabled()).toBe(true);

    await page.unroute('**/actions.*.js');
    await mine.getByRole('button', { name: 'Edit' }).click();
    await expect.poll(() => focused(page)).toBe('textarea Edit me later');
    expect(await mine.getByRole('alert').count()).toBe(0);
    // Loaded now: no more requests for it.
    const loads = requests.count;
    await mine.getByRole('button', { name: 'Cancel' }).click();
    await mine.getByRole('button', { name: 'Edit' }).click();
    await expect.poll(() => focused(page)).toBe('textarea Edit me later');
    expect(requests.count).toBe(loads);
    await context.close();
  });
});
