import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';
import { newSession } from '../../server/auth/sessions.ts';
import { banAuthor } from '../../widget/moderate/ban.ts';

/** A reader signed in with a provider account: its id and session token. */
async function reader(t: TestApp, name = 'Ada') {
  const session = newSession(() => t.time.now, 30);
  const profile = {
    provider: 'github',
    providerUserId: name,
    name,
    email: `${name.toLowerCase()}@example.com`,
    url: '',
    avatarUrl: '',
    avatarKey: name.padEnd(32, '0'),
  };
  const account = await t.repos.accounts.signIn(profile, session);
  return { id: account.id, auth: { Authorization: `Bearer ${session.token}` } };
}

const moderate = (t: TestApp, auth: Record<string, string>, method: string, path: string, body?: unknown) =>
  t.request(method, `/api/moderate${path}`, body, auth);
const json = async (response: Response) => (await response.json()) as any;

describe('moderating from the thread: /api/moderate as a moderator-linked account', () => {
  test('a moderator links a reader’s account in /admin (audited); /api/me then says moderator', async () => {
    const t = createTestApp();
    const ada = await reader(t);
    const admin = await signIn(t);
    expect((await json(await t.get('/api/me', ada.auth))).account.moderator).toBeUndefined();
    const found = await admin.get('/accounts?q=ada');
    expect(found.body.accounts).toEqual([expect.objectContaining({ id: ada.id, provider: 'github', name: 'Ada', moderator: null })]);
    const linked = await admin.put(`/accounts/${ada.id}/moderator`, { moderator: admin.moderator.id });
    expect(linked.body.account.moderator).toBe(admin.moderator.id);
    expect((await json(await t.get('/api/me', ada.auth))).account.moderator).toBe(true);
    const [entry] = await admin.audit();
    expect(entry).toMatchObject({ action: 'link_moderator', before: { moderator: null }, after: { moderator: admin.moderator.id } });
    expect((await admin.put(`/accounts/${ada.id}/moderator`, { moderator: 999 })).body.error.field).toBe('moderator');
    expect((await admin.put(`/accounts/${ada.id}/moderator`, { moderator: null })).body.account.moderator).toBeNull();
    expect((await moderate(t, ada.auth, 'GET', '/held?page=/post/')).status).toBe(403);
  });

  test('the thread’s held comments, without emails; Approve publishes one, through the admin rules and the audit log', async () => {
    const t = createTestApp();
    const ada = await reader(t);
    const admin = await signIn(t);
    await admin.put(`/accounts/${ada.id}/moderator`, { moderator: admin.moderator.id });
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, 0);
    const held = (await t.comment({ text: 'Please approve me', author: { name: 'Gus', email: 'gus@example.com' } })).body.comment.id;
    await t.comment({ page: '/other/', text: 'Elsewhere' });

    const answer = await moderate(t, ada.auth, 'GET', '/held?page=/post/');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const body = await json(answer);
    expect(body.comments).toEqual([expect.objectContaining({ id: held, status: 'pending', author: expect.objectContaining({ name: 'Gus' }) })]);
    expect(JSON.stringify(body)).not.toContain('gus@example.com');

    const approved = await moderate(t, ada.auth, 'POST', '/actions', { action: 'approve', ids: [held] });
    expect((await json(approved)).done).toEqual([{ id: held, from: 'pending', to: 'approved' }]);
    expect((await json(await t.get('/api/comments?page=/post/'))).comments.map((c: any) => c.id)).toEqual([held]);
    const [entry] = await admin.audit(`comment=${held}`);
    expect(entry).toMatchObject({ action: 'approve', moderator: { id: admin.moderator.id, email: 'mod@example.com' } });
  });

  test('Spam, Trash, Pin, Lock thread and Ban work from the widget; a ban answers without the email or address', async () => {
    const t = createTestApp();
    const ada = await reader(t);
    const admin = await signIn(t);
    await admin.put(`/accounts/${ada.id}/moderator`, { moderator: admin.moderator.id });
    const ids: number[] = [];
    for (const text of ['one', 'two', 'three']) ids.push((await t.comment({ text, author: { name: 'Gus', email: 'gus@example.com' } })).body.comment.id);
    expect((await json(await moderate(t, ada.auth, 'POST', '/actions', { action: 'spam', ids: [ids[0]] }))).done[0].to).toBe('spam');
    expect((await json(await moderate(t, ada.auth, 'POST', '/actions', { action: 'trash', ids: [ids[1]] }))).done[0].to).toBe('trash');
    expect((await moderate(t, ada.auth, 'POST', `/comments/${ids[2]}/pin`, { pinned: true })).status).toBe(200);
    expect((await json(await t.get('/api/comments?page=/post/'))).comments[0]).toMatchObject({ id: ids[2], pinned: true });
    const locked = await moderate(t, ada.auth, 'POST', '/threads/lock', { site: 'default', page: '/post/', locked: true });
    expect((await json(locked)).thread.locked).toBe(true);
    const ban = await moderate(t, ada.auth, 'POST', '/bans', { kind: 'email', comment: ids[2], reason: 'from the thread' });
    expect(ban.status).toBe(201);
    const banned = await json(ban);
    expect(banned).toEqual({ ban: { id: expect.any(Number), kind: 'email', until: null } });
    expect((await admin.get('/bans')).body.bans[0]).toMatchObject({ kind: 'email', value: 'gus@example.com' });
    const actions = (await admin.audit()).map((e: any) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['spam', 'trash', 'pin', 'lock', 'ban']));
  });

  test('Ban from the thread bans a guest who left no email by the comment’s address, which neither the answer nor the widget sees', async () => {
    const t = createTestApp();
    const ada = await reader(t);
    const admin = await signIn(t);
    await admin.put(`/accounts/${ada.id}/moderator`, { moderator: admin.moderator.id });
    await t.repos.sites.saveSettings('default', { requireNameEmail: false }, 0);
    const from = { 'x-test-client-ip': '203.0.113.9' };
    const posted = await t.comment({ text: 'No email here', author: { name: 'Gus', email: '' } }, from);
    expect(posted.status).toBe(201);
    const guest = (await json(await t.get('/api/comments?page=/post/'))).comments[0];
    expect(guest).toMatchObject({ id: posted.body.comment.id, author: { name: 'Gus' } });
    expect(JSON.stringify(guest)).not.toContain('203.0.113.9');

    // By email, as before: nothing to ban, naming the field.
    const byEmail = await moderate(t, ada.auth, 'POST', '/bans', { kind: 'email', comment: guest.id });
    expect(byEmail.status).toBe(400);
    expect((await json(byEmail)).error).toMatchObject({ code: 'nothing_to_ban', field: 'kind' });

    // The widget's Ban (widget/moderate/ban.ts) through the same requests as in a browser.
    const sent: unknown[] = [];
    const send = async (path: string, body: unknown) => {
      sent.push(body);
      const response = await moderate(t, ada.auth, 'POST', `/${path}`, body);
      const answer = await json(response);
      if (!response.ok) throw answer.error;
      return answer;
    };
    const answer = await banAuthor(send, guest, 'from the thread');
    expect(sent).toEqual([
      { kind: 'email', comment: guest.id, reason: 'from the thread' },
      { kind: 'ip', comment: guest.id, reason: 'from the thread' },
    ]);
    expect(answer).toEqual({ ban: { id: expect.any(Number), kind: 'ip', until: null } });
    expect(JSON.stringify(answer)).not.toContain('203.0.113');
    expect((await admin.get('/bans')).body.bans).toEqual([expect.objectContaining({ kind: 'ip', value: '203.0.113.9', reason: 'from the thread' })]);
    expect((await t.comment({ text: 'Back again', author: { name: 'Gus', email: '' } }, from)).body.error.code).toBe('banned');
    expect((await t.comment({ text: 'Someone else', author: { name: 'Bo', email: '' } }, { 'x-test-client-ip': '203.0.113.10' })).status).toBe(201);

    // A guest who gave an email is banned by it, in one request; a signed-in author by their account.
    const withEmail = (await t.comment({ text: 'With email', author: { name: 'Em', email: 'em@example.com' } })).body.comment;
    sent.length = 0;
    expect(await banAuthor(send, { ...guest, id: withEmail.id }, '')).toMatchObject({ ban: { kind: 'email' } });
    expect(sent).toEqual([{ kind: 'email', comment: withEmail.id, reason: '' }]);
  });

  test('only the widget’s requests: the rest of the admin API is not reachable with a bearer token; bad input names the field', async () => {
    const t = createTestApp();
    const ada = await reader(t);
    const admin = await signIn(t);
    await admin.put(`/accounts/${ada.id}/moderator`, { moderator: admin.moderator.id });
    const id = (await t.comment()).body.comment.id;
    for (const [method, path] of [
      ['GET', '/queue'],
      ['GET', '/audit'],
      ['PUT', '/settings'],
      ['DELETE', `/comments/${id}`],
      ['PATCH', `/comments/${id}`],
      ['GET', '/bans'],
      ['GET', '/accounts'],
    ]) {
      expect((await moderate(t, ada.auth, method!, path!, method === 'GET' ? undefined : {})).status, `${method} ${path}`).toBe(404);
    }
    const bad = await moderate(t, ada.auth, 'POST', '/actions', { action: 'nuke', ids: [id] });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.field).toBe('action');
    expect((await json(await moderate(t, ada.auth, 'GET', '/held'))).error.field).toBe('page');
  });
});
