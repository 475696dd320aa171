import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';

const DAY = 86_400_000;

describe('a publication date sent by the first poster cannot close a thread at once', () => {
  test('published years ago, closeAfterDays 14: the thread stays open for a day after its first comment, then closes', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('default', { closeAfterDays: 14 }, 0);
    const first = await t.comment({ published: '2001-01-01T00:00:00Z', title: 'FREE CRYPTO' });
    expect(first.status).toBe(201);
    const read = async () => ((await (await t.get('/api/comments?page=/post/')).json()) as any).thread.locked;
    expect(await read()).toBe(false);
    t.time.now += DAY - 1000;
    expect((await t.comment({ text: 'still open', author: { name: 'Bob', email: 'bob@example.com' } })).status).toBe(201);
    t.time.now += 1000;
    expect(await read()).toBe(true);
    expect((await t.comment({ text: 'too late', author: { name: 'Cy', email: 'cy@example.com' } })).status).toBe(403);
  });

  test('a recent publication date still counts: the thread closes N days after it', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('default', { closeAfterDays: 14 }, 0);
    const published = new Date(t.time.now - 10 * DAY).toISOString();
    expect((await t.comment({ published })).status).toBe(201);
    t.time.now += 4 * DAY - 1000;
    expect((await t.comment({ text: 'open', author: { name: 'Bob', email: 'bob@example.com' } })).status).toBe(201);
    t.time.now += 1000;
    expect((await t.comment({ text: 'closed', author: { name: 'Cy', email: 'cy@example.com' } })).status).toBe(403);
  });
});
