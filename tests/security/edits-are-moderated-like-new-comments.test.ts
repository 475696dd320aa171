import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';
import { startAkismetServer } from '../helpers/akismet-server.ts';

const THREE_LINKS = 'Buy now http://a.example http://b.example http://c.example';

async function approvedComment(t: TestApp, text = 'A harmless first version') {
  const { status, body } = await t.comment({ text });
  expect(status).toBe(201);
  return { id: body.comment.id as number, token: body.editToken as string };
}

const edit = (t: TestApp, id: number, token: string, text: string) => t.request('PATCH', `/api/comments/${id}`, { text }, { 'X-Parley-Token': token });

/** What a reader who holds no token sees of the thread. */
async function publicHtml(t: TestApp) {
  const body = (await (await t.get('/api/comments?page=/post/')).json()) as any;
  return body.comments.map((c: any) => c.html);
}

describe('an edit goes through moderation like a new comment', () => {
  test('an approved comment edited to hold too many links is held; the approved version stays public; the author is told', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('default', { holdLinks: 2 }, 0);
    const { id, token } = await approvedComment(t);
    const response = await edit(t, id, token, THREE_LINKS);
    expect(response.status).toBe(202);
    const body = (await response.json()) as any;
    expect(body).toMatchObject({ editPending: true, comment: { id, html: '<p>A harmless first version</p>' } });
    expect(await publicHtml(t)).toEqual(['<p>A harmless first version</p>']);
  });

  test('a moderation word held; the admin queue shows the pending edit; approving publishes it', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('default', { moderationWords: ['casino'] }, 0);
    const { id, token } = await approvedComment(t);
    expect((await edit(t, id, token, 'Now about my casino')).status).toBe(202);
    const admin = await signIn(t);
    const [row] = await admin.queue('queue=pending');
    expect(row).toMatchObject({ id, status: 'approved', html: '<p>A harmless first version</p>' });
    expect(row.pendingEdit).toMatchObject({ text: 'Now about my casino', html: '<p>Now about my casino</p>', reason: expect.stringMatching(/casino/) });
    expect((await admin.counts()).pending).toBe(1);

    const approved = await admin.act('approve', [id]);
    expect(approved.status).toBe(200);
    expect(await publicHtml(t)).toEqual(['<p>Now about my casino</p>']);
    expect(await admin.queue('queue=pending')).toEqual([]);
    expect((await admin.audit()).map((e: any) => e.action)).toContain('approve_edit');
  });

  test('rejecting a pending edit (trash or spam) keeps the approved version public and the comment approved', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('default', { moderationWords: ['casino'] }, 0);
    const { id, token } = await approvedComment(t);
    await edit(t, id, token, 'casino casino');
    const admin = await signIn(t);
    expect((await admin.act('trash', [id])).status).toBe(200);
    expect(await publicHtml(t)).toEqual(['<p>A harmless first version</p>']);
    expect(await admin.queue('queue=pending')).toEqual([]);
    expect((await admin.audit()).map((e: any) => e.action)).toContain('reject_edit');
  });

  test('a blocklisted word (spam): the edit is discarded, the approved version stays public, the author is told the same', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('default', { blocklistWords: ['viagra'] }, 0);
    const { id, token } = await approvedComment(t);
    const response = await edit(t, id, token, 'cheap viagra here');
    expect(response.status).toBe(202);
    expect(((await response.json()) as any).editPending).toBe(true);
    expect(await publicHtml(t)).toEqual(['<p>A harmless first version</p>']);
    const admin = await signIn(t);
    expect(await admin.queue('queue=pending')).toEqual([]);
    expect(await t.sql.value('SELECT text FROM comments WHERE id = ?', id)).toBe('A harmless first version');
  });

  test('a clean edit is published at once, as before', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('default', { moderationWords: ['casino'], holdLinks: 2 }, 0);
    const { id, token } = await approvedComment(t);
    const response = await edit(t, id, token, 'A better version');
    expect(response.status).toBe(200);
    expect(await publicHtml(t)).toEqual(['<p>A better version</p>']);
  });
});

describe('an edit is checked with Akismet when it is set', () => {
  const KEY = 'abc123def456';
  let akismet: Awaited<ReturnType<typeof startAkismetServer>>;
  beforeAll(async () => {
    akismet = await startAkismetServer(KEY);
  });
  afterAll(() => akismet.close());

  test('Akismet is asked about the edited text', async () => {
    const t = createTestApp({ AKISMET_KEY: KEY, AKISMET_URL: akismet.url, PUBLIC_URL: 'https://comments.example.com' });
    const { id, token } = await approvedComment(t);
    akismet.requests.length = 0;
    expect((await edit(t, id, token, 'An edited text')).status).toBe(200);
    expect(akismet.requests.map((r) => r.form.comment_content)).toEqual(['An edited text']);
  });
});
