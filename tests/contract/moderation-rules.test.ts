import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import type { SiteSettings } from '../../server/db/types.ts';

const DAY = 86_400_000;

/** The automatic decisions recorded for a comment: [action, reason]. */
const decisions = async (t: TestApp, id: number) =>
  (await t.sql("SELECT action, reason FROM audit_log WHERE comment_id = ? AND actor = 'system'", id)).map(Object.values) as Array<[string, string]>;

const rules = (t: TestApp, settings: Partial<SiteSettings>) => t.repos.sites.saveSettings('default', settings, 0);

const statusOf = async (t: TestApp, id: number) => await t.sql.value('SELECT status FROM comments WHERE id = ?', id);

describe('moderation rules', () => {
  test('open (the default) publishes at once and records no decision', async () => {
    const t = createTestApp();
    const { status, body } = await t.comment();
    expect(status).toBe(201);
    expect(await decisions(t, body.comment.id)).toEqual([]);
  });

  test('hold all: every comment is held, with the reason in the audit log', async () => {
    const t = createTestApp();
    await rules(t, { moderation: 'all' });
    const { status, body } = await t.comment();
    expect(status).toBe(202);
    expect(await decisions(t, body.comment.id)).toEqual([['hold', 'every comment is held for moderation']]);
  });

  test('hold first-time: a new author is held; once approved, the same name and email publish at once; others are still held', async () => {
    const t = createTestApp();
    await rules(t, { moderation: 'first-time' });
    const first = await t.comment();
    expect(first.status).toBe(202);
    expect(await decisions(t, first.body.comment.id)).toEqual([['hold', 'first comment by this author']]);
    await t.sql("UPDATE comments SET status = 'approved'");
    expect((await t.comment({ text: 'again' })).status).toBe(201);
    expect((await t.comment({ text: 'again', author: { name: 'Ada', email: 'other@example.com' } })).status).toBe(202);
    expect((await t.comment({ text: 'once more', author: { name: 'Not Ada', email: 'ada@example.com' } })).status).toBe(202);
  });

  test.each([
    [2, 'one http://a.example', 201],
    [2, 'two http://a.example http://b.example', 202],
    [3, 'two http://a.example http://b.example', 201],
    [1, 'one http://a.example', 202],
    [0, 'many http://a.example http://b.example http://c.example', 201],
  ])('hold at %i links: %s → %i', async (holdLinks, text, expected) => {
    const t = createTestApp();
    await rules(t, { holdLinks });
    const { status, body } = await t.comment({ text });
    expect(status).toBe(expected);
    if (expected === 202) expect((await decisions(t, body.comment.id))[0]![1]).toMatch(new RegExp(`^\\d links \\(held at ${holdLinks} or more\\)$`));
  });

  const fields: Array<[string, Record<string, unknown>, Record<string, string>, string]> = [
    ['text', { text: 'Visit my CASINO now' }, {}, 'text'],
    ['name', { author: { name: 'Casino Bob', email: 'bob@example.com' } }, {}, 'name'],
    ['email', { author: { name: 'Bob', email: 'bob@casino.example' } }, {}, 'email'],
    ['website', { author: { name: 'Bob', email: 'bob@example.com', url: 'https://casino.example/' } }, {}, 'website'],
  ];

  test.each(fields)('a moderation word in the %s holds the comment', async (_label, fields, headers, where) => {
    const t = createTestApp();
    await rules(t, { moderationWords: ['casino'] });
    const { status, body } = await t.comment(fields, headers);
    expect(status).toBe(202);
    expect(await statusOf(t, body.comment.id)).toBe('pending');
    expect(await decisions(t, body.comment.id)).toEqual([['hold', `moderation word "casino" in the ${where}`]]);
  });

  test.each(fields)('a blocklist entry in the %s sends the comment to spam (shown to its author as held)', async (_label, fields, headers, where) => {
    const t = createTestApp();
    await rules(t, { blocklistWords: ['casino'] });
    const { status, body } = await t.comment(fields, headers);
    expect(status).toBe(202);
    expect(body.comment.status).toBe('pending');
    expect(await statusOf(t, body.comment.id)).toBe('spam');
    expect(await decisions(t, body.comment.id)).toEqual([['spam', `blocklist entry "casino" in the ${where}`]]);
  });

  test('word lists match IP addresses and their prefixes', async () => {
    const t = createTestApp();
    await rules(t, { moderationWords: ['10.9.'], blocklistWords: ['192.0.2.66'] });
    const held = await t.comment({ text: 'a' }, { 'x-test-client-ip': '10.9.8.7' });
    expect(await decisions(t, held.body.comment.id)).toEqual([['hold', 'moderation word "10.9." in the IP address']]);
    const spam = await t.comment({ text: 'b' }, { 'x-test-client-ip': '192.0.2.66' });
    expect(await decisions(t, spam.body.comment.id)).toEqual([['spam', 'blocklist entry "192.0.2.66" in the IP address']]);
    expect((await t.comment({ text: 'c' }, { 'x-test-client-ip': '192.0.2.7' })).status).toBe(201);
  });

  test('words match inside words and ignore case; a comment without them is published; the blocklist wins over holding', async () => {
    const t = createTestApp();
    await rules(t, { moderationWords: ['press'], blocklistWords: ['pills'] });
    expect((await t.comment({ text: 'I love WordPress' })).status).toBe(202);
    expect((await t.comment({ text: 'Lovely photos' })).status).toBe(201);
    const both = await t.comment({ text: 'WordPress PILLS' });
    expect(await statusOf(t, both.body.comment.id)).toBe('spam');
  });

  test('close after N days, counted from the first comment on the page when the page gives no date', async () => {
    const t = createTestApp();
    await rules(t, { closeAfterDays: 14 });
    expect((await t.comment()).status).toBe(201);
    t.time.now += 13 * DAY;
    expect((await t.comment({ text: 'still open' })).status).toBe(201);
    expect((await (await t.get('/api/comments?page=/post/')).json()).thread.locked).toBe(false);
    t.time.now += 2 * DAY;
    const late = await t.comment({ text: 'too late' });
    expect(late.status).toBe(403);
    expect(late.body.error.code).toBe('thread_locked');
    expect((await (await t.get('/api/comments?page=/post/')).json()).thread.locked).toBe(true);
    expect((await t.comment({ page: '/new-post/', text: 'a new page is open' })).status).toBe(201);
  });

  test('close after N days, counted from the publication date the page gives', async () => {
    const t = createTestApp();
    await rules(t, { closeAfterDays: 30 });
    // A page older than that still takes comments for a day after its first one (the date comes from the poster).
    const old = new Date(t.time.now - 40 * DAY).toISOString();
    expect((await t.comment({ page: '/old/', published: old })).status).toBe(201);
    const recent = new Date(t.time.now - 20 * DAY).toISOString();
    expect((await t.comment({ page: '/recent/', published: recent })).status).toBe(201);
    t.time.now += 11 * DAY;
    expect((await t.comment({ page: '/recent/', text: 'later' })).status).toBe(403);
    expect((await t.comment({ page: '/old/', text: 'later' })).status).toBe(403);
    expect((await t.comment({ page: '/garbled/', published: 'last Tuesday' })).status).toBe(201);
  });

  test('changing the rules takes effect at once, also on cached threads', async () => {
    const t = createTestApp();
    await t.comment();
    expect((await (await t.get('/api/comments?page=/post/')).json()).thread.locked).toBe(false);
    t.time.now += 3 * DAY;
    await rules(t, { closeAfterDays: 1 });
    expect((await (await t.get('/api/comments?page=/post/')).json()).thread.locked).toBe(true);
  });

  test('require name and email per site, overriding REQUIRE_NAME_EMAIL either way', async () => {
    const strict = createTestApp({ REQUIRE_NAME_EMAIL: 'false' });
    expect((await strict.comment({ author: undefined })).status).toBe(201);
    await rules(strict, { requireNameEmail: true });
    const refused = await strict.comment({ author: undefined, text: 'anon' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'required', field: 'author' });

    const lenient = createTestApp();
    await rules(lenient, { requireNameEmail: false });
    expect((await lenient.comment({ author: { name: '', email: '' } })).status).toBe(201);
  });

  test('a signed-in moderator account skips the rules', async () => {
    const t = createTestApp({}, { accountOf: async () => ({ id: 7, name: 'Mo', email: 'mo@example.com', url: '', provider: 'github', isModerator: true }) });
    await rules(t, { moderation: 'all', moderationWords: ['hello'] });
    expect((await t.comment()).status).toBe(201);
  });
});

describe('spam defences', () => {
  test('a filled honeypot sends the comment to spam; an empty one passes', async () => {
    const t = createTestApp();
    const trapped = await t.comment({ hp: 'http://spam.example' });
    expect(trapped.status).toBe(202);
    expect(await statusOf(t, trapped.body.comment.id)).toBe('spam');
    expect(await decisions(t, trapped.body.comment.id)).toEqual([['spam', 'the hidden honeypot field was filled in']]);
    expect((await t.comment({ hp: '', text: 'human' })).status).toBe(201);
  });

  test('a comment sent sooner than MIN_FILL_SECONDS after the form loaded is held; slower ones and old widgets pass', async () => {
    const t = createTestApp({ MIN_FILL_SECONDS: '3' });
    const fast = await t.comment({ elapsed: 800 });
    expect(fast.status).toBe(202);
    expect(await decisions(t, fast.body.comment.id)).toEqual([['hold', 'sent 0.8 s after the form loaded (minimum 3 s)']]);
    expect((await t.comment({ elapsed: 3200, text: 'typed' })).status).toBe(201);
    expect((await t.comment({ text: 'old widget' })).status).toBe(201);
    expect((await t.comment({ text: 'odd value', elapsed: 'soon' })).status).toBe(201);
  });

  test('MIN_FILL_SECONDS=0 turns the time check off', async () => {
    const t = createTestApp({ MIN_FILL_SECONDS: '0' });
    expect((await t.comment({ elapsed: 10 })).status).toBe(201);
  });

  test('per-account rate limit: 429 with Retry-After for a signed-in reader across addresses', async () => {
    const t = createTestApp(
      { RATE_LIMIT_PER_MINUTE: '2' },
      { accountOf: async () => ({ id: 3, name: 'Al', email: 'al@example.com', url: '', provider: 'github', isModerator: false }) },
    );
    expect((await t.comment({ text: '1' }, { 'x-test-client-ip': '10.0.0.1' })).status).toBe(201);
    expect((await t.comment({ text: '2' }, { 'x-test-client-ip': '10.0.0.2' })).status).toBe(201);
    const response = await t.post('/api/comments', { page: '/post/', text: '3' }, { 'x-test-client-ip': '10.0.0.3' });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
