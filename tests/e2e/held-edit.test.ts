import { describe, expect, test } from 'vitest';
import { chromiumPath } from '../helpers/browser.ts';
import { area, openHost, postAsGuest, useScene } from './host.ts';

/** More links than the site's limit (`holdLinks`, 2 unless a moderator changes it). */
const LINKS = 'Now see https://a.example, https://b.example and https://c.example';

describe.skipIf(!chromiumPath)('an edit held for moderation, in Chromium', () => {
  const scene = useScene();

  test('the author is told “Your edit is awaiting moderation.” and keeps the approved text; another reader sees only that', async () => {
    const author = await scene.browser.newContext();
    const page = await openHost(author, scene.blog, scene.server, { page: '/held-edit/' });
    await postAsGuest(page, { text: 'A harmless first version', name: 'Ada', email: 'ada@example.com' });
    const first = area(page).locator('article.parley-comment', { hasText: 'A harmless first version' });
    await first.getByRole('button', { name: 'Edit' }).waitFor();
    // By its id: while it is edited, its text is in a textarea.
    const mine = area(page).locator(`#${await first.getAttribute('id')}`);
    expect(await mine.locator('.parley-muted').count()).toBe(0);

    await mine.getByRole('button', { name: 'Edit' }).click();
    await mine.getByRole('textbox').fill(LINKS);
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/comments/')),
      mine.getByRole('button', { name: 'Save' }).click(),
    ]);
    expect(saved.status()).toBe(202);
    await expect.poll(() => mine.locator('.parley-muted').textContent()).toBe('Your edit is awaiting moderation.');
    expect(await mine.locator('.parley-body').textContent()).toBe('A harmless first version');
    expect(await area(page).getByText('https://a.example').count()).toBe(0);

    // Another reader, and the public API, still have the approved version only.
    const reader = await scene.browser.newContext();
    const other = await openHost(reader, scene.blog, scene.server, { page: '/held-edit/' });
    const theirs = area(other).locator('article.parley-comment');
    await expect.poll(() => theirs.locator('.parley-body').allTextContents()).toEqual(['A harmless first version']);
    expect(await area(other).getByText('awaiting moderation').count()).toBe(0);
    const thread = (await (await fetch(`${scene.server.url}/api/comments?page=/held-edit/`)).json()) as any;
    expect(thread.comments.map((c: any) => c.html)).toEqual(['<p>A harmless first version</p>']);
    await author.close();
    await reader.close();
  });
});
