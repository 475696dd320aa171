import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { startAkismetServer } from '../helpers/akismet-server.ts';
import { signIn } from '../helpers/admin.ts';
import { createAkismet } from '../../server/moderation/akismet.ts';

const KEY = 'abc123def456';
let akismet: Awaited<ReturnType<typeof startAkismetServer>>;

beforeAll(async () => {
  akismet = await startAkismetServer(KEY);
});
afterAll(() => akismet.close());
beforeEach(() => {
  akismet.requests.length = 0;
  akismet.setMode('normal');
});

const app = () => createTestApp({ AKISMET_KEY: KEY, AKISMET_URL: akismet.url, PUBLIC_URL: 'https://comments.example.com' });
const statusOf = async (t: TestApp, id: number) => await t.sql.value('SELECT status FROM comments WHERE id = ?', id);
const reasonOf = async (t: TestApp, id: number) => await t.sql.value("SELECT reason FROM audit_log WHERE comment_id = ? AND actor = 'system'", id);

describe('Akismet', () => {
  test('ham is published, and Akismet is asked with the comment, author, address, page and browser', async () => {
    const t = app();
    const { status } = await t.comment(
      { text: 'Lovely post' },
      { 'x-test-client-ip': '198.51.100.7', 'User-Agent': 'TestBrowser/1', Origin: 'https://blog.example', Referer: 'https://blog.example/post/' },
    );
    expect(status).toBe(201);
    expect(akismet.requests).toHaveLength(1);
    expect(akismet.requests[0]).toMatchObject({
      path: '/1.1/comment-check',
      form: {
        api_key: KEY,
        blog: 'https://blog.example',
        permalink: 'https://blog.example/post/',
        user_ip: '198.51.100.7',
        user_agent: 'TestBrowser/1',
        referrer: 'https://blog.example/post/',
        comment_type: 'comment',
        comment_author: 'Ada',
        comment_author_email: 'ada@example.com',
        comment_content: 'Lovely post',
        blog_charset: 'UTF-8',
      },
    });
  });

  test('spam goes to Spam (the author sees it as held), with the reason recorded', async () => {
    const t = app();
    const { status, body } = await t.comment({ author: { name: 'viagra-test-123', email: 'v@example.com' } });
    expect(status).toBe(202);
    expect(body.comment.status).toBe('pending');
    expect(await statusOf(t, body.comment.id)).toBe('spam');
    expect(await reasonOf(t, body.comment.id)).toBe('Akismet says it is spam');
  });

  test.each([
    ['error', /HTTP 503/],
    ['invalid', /invalid key/],
  ] as const)('an outage (%s) holds the comment instead of losing or refusing it', async (mode, detail) => {
    const t = app();
    akismet.setMode(mode);
    const { status, body } = await t.comment();
    expect(status).toBe(202);
    expect(await statusOf(t, body.comment.id)).toBe('pending');
    expect(await reasonOf(t, body.comment.id)).toMatch(/^Akismet could not be reached/);
    expect(await reasonOf(t, body.comment.id)).toMatch(detail);
  });

  test('an Akismet that does not answer in time holds the comment', async () => {
    akismet.setMode('hang');
    const t = createTestApp({}, { akismet: createAkismet({ key: KEY, url: akismet.url, timeoutMs: 200 }) });
    const { status, body } = await t.comment();
    expect(status).toBe(202);
    expect(await reasonOf(t, body.comment.id)).toBe('Akismet could not be reached (no answer in time); held for a person to check');
  });

  test('an Akismet that cannot be connected to holds the comment', async () => {
    const t = createTestApp({ AKISMET_KEY: KEY, AKISMET_URL: 'http://127.0.0.1:9' });
    const { status, body } = await t.comment();
    expect(status).toBe(202);
    expect(await reasonOf(t, body.comment.id)).toMatch(/^Akismet could not be reached \(/);
  });

  test('comments already spam by the site rules are not sent to Akismet; without AKISMET_KEY nothing is', async () => {
    const t = app();
    await t.repos.sites.saveSettings('default', { blocklistWords: ['pills'] }, 0);
    await t.comment({ text: 'pills' });
    expect(akismet.requests).toHaveLength(0);
    const plain = createTestApp({ AKISMET_URL: akismet.url });
    expect((await plain.comment()).status).toBe(201);
    expect(akismet.requests).toHaveLength(0);
  });

  test('a moderator overruling Akismet teaches it: spam → submit-spam, approving spam → submit-ham', async () => {
    const t = app();
    const ham = (await t.comment({ text: 'looks fine' })).body.comment.id;
    const spam = (await t.comment({ author: { name: 'viagra-test-123', email: 'v@example.com' } })).body.comment.id;
    const admin = await signIn(t);
    await admin.act('spam', [ham]);
    await admin.act('approve', [spam]);
    await expect.poll(() => akismet.requests.map((r) => r.path).filter((p) => p.includes('submit'))).toEqual(['/1.1/submit-spam', '/1.1/submit-ham']);
    expect(akismet.requests.find((r) => r.path === '/1.1/submit-spam')!.form).toMatchObject({
      comment_content: 'looks fine',
      permalink: 'https://comments.example.com/post/',
    });
  });
});
