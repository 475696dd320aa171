import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';

describe('bans', () => {
  test('banning an email, taken from a comment, answers 403 banned to that author only; unbanning lifts it', async () => {
    const t = createTestApp();
    const id = (await t.comment()).body.comment.id;
    const admin = await signIn(t);
    const ban = await admin.post('/bans', { kind: 'email', comment: id, reason: 'spammer' });
    expect(ban.status).toBe(201);
    expect(ban.body.ban).toMatchObject({ kind: 'email', value: 'ada@example.com', reason: 'spammer', until: null });
    const refused = await t.comment({ text: 'again' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'banned', message: 'You have been banned from commenting here.' });
    expect((await t.comment({ text: 'me too', author: { name: 'Bo', email: 'bo@example.com' } })).status).toBe(201);
    expect((await admin.get('/bans')).body.bans).toHaveLength(1);
    expect((await admin.del(`/bans/${ban.body.ban.id}`)).status).toBe(204);
    expect((await t.comment({ text: 'again' })).status).toBe(201);
    expect((await admin.audit(`comment=${id}`)).map((e) => e.action)).toEqual(['ban']);
    expect((await admin.audit()).map((e) => e.action)).toEqual(['unban', 'ban']);
  });

  test('an IP ban until a date stops every author from that address until then', async () => {
    const t = createTestApp();
    const admin = await signIn(t);
    const until = new Date(t.time.now + 86_400_000).toISOString();
    expect((await admin.post('/bans', { kind: 'ip', value: '203.0.113.9', until })).status).toBe(201);
    const from = { 'x-test-client-ip': '203.0.113.9' };
    const refused = await t.comment({}, from);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('until');
    expect((await t.comment({}, { 'x-test-client-ip': '203.0.113.10' })).status).toBe(201);
    t.time.now += 86_400_001;
    expect((await t.comment({ text: 'back' }, from)).status).toBe(201);
    expect((await admin.get('/bans')).status).toBe(401);
  });

  test('an account ban stops that signed-in reader', async () => {
    const t = createTestApp({}, { accountOf: async () => ({ id: 12, name: 'Al', email: 'al@example.com', url: '', provider: 'github', isModerator: false }) });
    const admin = await signIn(t);
    expect((await admin.post('/bans', { kind: 'account', value: '12' })).status).toBe(201);
    expect((await t.comment()).body.error.code).toBe('banned');
  });

  test('bad bans are refused naming the field', async () => {
    const t = createTestApp();
    const id = (await t.comment()).body.comment.id;
    const admin = await signIn(t);
    expect((await admin.post('/bans', { kind: 'ip' })).body.error).toMatchObject({ code: 'required', field: 'value' });
    expect((await admin.post('/bans', { kind: 'everyone', value: 'x' })).body.error).toMatchObject({ field: 'kind' });
    expect((await admin.post('/bans', { kind: 'ip', value: '1.2.3.4', until: 'tomorrow' })).body.error).toMatchObject({ field: 'until' });
    expect((await admin.post('/bans', { kind: 'ip', value: '1.2.3.4', until: '2001-01-01T00:00:00Z' })).body.error).toMatchObject({
      code: 'in_the_past',
      field: 'until',
    });
    expect((await admin.post('/bans', { kind: 'account', comment: id })).body.error).toMatchObject({ code: 'nothing_to_ban' });
    expect((await admin.post('/bans', { kind: 'account', value: 'al' })).body.error).toMatchObject({ field: 'value' });
    expect((await admin.del('/bans/77')).status).toBe(404);
    expect(await t.sql.value('SELECT count(*) FROM bans')).toBe(0);
  });
});
