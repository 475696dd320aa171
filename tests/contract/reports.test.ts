import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';

const READER_A = { 'X-Parley-Reader': 'reader-aaaaaaaaaaaaaaaa' };
const READER_B = { 'X-Parley-Reader': 'reader-bbbbbbbbbbbbbbbb' };

describe('POST /api/comments/:id/report', () => {
  test('a reader reports a comment once, with an optional reason; it shows in Reported with the reasons', async () => {
    const t = createTestApp();
    const id = (await t.comment()).body.comment.id;
    const first = await t.post(`/api/comments/${id}/report`, { reason: 'Rude to other readers' }, READER_A);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ reported: true });
    expect((await t.post(`/api/comments/${id}/report`, { reason: 'again' }, READER_A)).status).toBe(200);
    t.time.now += 1000;
    expect((await t.request('POST', `/api/comments/${id}/report`, undefined, READER_B)).status).toBe(200);
    const admin = await signIn(t);
    expect((await admin.counts()).reported).toBe(1);
    const [row] = await admin.queue('queue=reported');
    expect(row.id).toBe(id);
    expect(row.reports.map((r: any) => r.reason)).toEqual(['Rude to other readers', '']);
    expect((await admin.audit(`comment=${id}`)).map((e) => [e.actor, e.action, e.reason])).toEqual([
      ['reader', 'report', ''],
      ['reader', 'report', 'Rude to other readers'],
    ]);
  });

  test('any moderator action settles the reports: approving keeps it published and empties Reported', async () => {
    const t = createTestApp();
    const id = (await t.comment()).body.comment.id;
    await t.post(`/api/comments/${id}/report`, {}, READER_A);
    const admin = await signIn(t);
    const result = await admin.act('approve', [id]);
    expect(result.body.done).toEqual([{ id, from: 'approved', to: 'approved' }]);
    expect((await admin.audit(`comment=${id}`))[0]).toMatchObject({ action: 'approve', before: { status: 'approved', openReports: 1 } });
    expect((await admin.counts()).reported).toBe(0);
    expect((await t.post(`/api/comments/${id}/report`, {}, READER_A)).status).toBe(200);
    expect((await admin.counts()).reported).toBe(0);
    await t.post(`/api/comments/${id}/report`, {}, READER_B);
    expect((await admin.counts()).reported).toBe(1);
  });

  test('only published comments can be reported; a reader id is needed; the reason is limited', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, 0);
    const pending = (await t.comment()).body.comment.id;
    expect((await t.post(`/api/comments/${pending}/report`, {}, READER_A)).status).toBe(404);
    expect((await t.post('/api/comments/999/report', {}, READER_A)).status).toBe(404);
    await t.repos.sites.saveSettings('default', { moderation: 'open' }, 0);
    const id = (await t.comment({ text: 'published' })).body.comment.id;
    const anonymous = await t.post(`/api/comments/${id}/report`, {});
    expect(anonymous.status).toBe(400);
    expect((await anonymous.json()).error).toMatchObject({ code: 'required', field: 'reader' });
    const long = await t.post(`/api/comments/${id}/report`, { reason: 'x'.repeat(501) }, READER_A);
    expect((await long.json()).error).toMatchObject({ code: 'too_long', field: 'reason' });
  });

  test('signed-in readers report by account', async () => {
    const t = createTestApp({}, { accountOf: async () => ({ id: 4, name: 'Al', email: 'al@example.com', url: '', provider: 'github', isModerator: false }) });
    const id = (await t.comment()).body.comment.id;
    expect((await t.post(`/api/comments/${id}/report`, {})).status).toBe(200);
    expect(await t.sql.column('SELECT reporter FROM reports')).toEqual(['account:4']);
  });
});
