import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';

describe('GET/PUT /api/admin/settings', () => {
  test('a new site has the defaults: publish at once, hold at 2 links, no words, never close, the server rule for name and email', async () => {
    const t = createTestApp();
    const admin = await signIn(t);
    expect((await admin.get('/settings?site=default')).body).toEqual({
      site: 'default',
      settings: { moderation: 'open', holdLinks: 2, moderationWords: [], blocklistWords: [], closeAfterDays: 0, requireNameEmail: null },
      serverDefaults: { requireNameEmail: true },
    });
  });

  test('saving takes effect at once for the next comment, tidies word lists, and is audited with only what changed', async () => {
    const t = createTestApp();
    const admin = await signIn(t);
    const saved = await admin.put('/settings?site=default', { moderation: 'all', moderationWords: [' casino ', '', 'casino', 'pills'] });
    expect(saved.body.settings).toMatchObject({ moderation: 'all', moderationWords: ['casino', 'pills'], holdLinks: 2 });
    const [entry] = await admin.audit();
    expect((await t.comment()).status).toBe(202);
    expect(entry).toMatchObject({
      action: 'settings',
      site: 'default',
      commentId: null,
      before: { moderation: 'open', moderationWords: [] },
      after: { moderation: 'all', moderationWords: ['casino', 'pills'] },
    });
    expect(Object.keys(entry.after)).toEqual(['moderation', 'moderationWords']);
  });

  test.each([
    [{ moderation: 'sometimes' }, 'moderation'],
    [{ holdLinks: -1 }, 'holdLinks'],
    [{ holdLinks: 1.5 }, 'holdLinks'],
    [{ closeAfterDays: 'never' }, 'closeAfterDays'],
    [{ moderationWords: 'casino' }, 'moderationWords'],
    [{ blocklistWords: ['x'.repeat(201)] }, 'blocklistWords.0'],
    [{ requireNameEmail: 'yes' }, 'requireNameEmail'],
  ])('refuses %j naming %s, and changes nothing', async (input, field) => {
    const t = createTestApp();
    const admin = await signIn(t);
    const response = await admin.put('/settings?site=default', input);
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
    expect((await admin.get('/settings?site=default')).body.settings.moderation).toBe('open');
  });

  test('settings are per site', async () => {
    const t = createTestApp();
    const admin = await signIn(t);
    await admin.put('/settings?site=blog2', { moderation: 'all' });
    expect((await t.comment({ site: 'blog2' })).status).toBe(202);
    expect((await t.comment({ site: 'default' })).status).toBe(201);
    expect((await admin.get('/settings?site=bad site')).body.error.field).toBe('site');
  });
});

describe('GET /api/admin/audit', () => {
  test('filters by comment and by moderator, newest first, with paging', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, 0);
    const a = (await t.comment({ text: 'a' })).body.comment.id;
    const b = (await t.comment({ text: 'b' })).body.comment.id;
    const mo = await signIn(t, 'mo@example.com', 'Mo');
    const jo = await signIn(t, 'jo@example.com', 'Jo');
    await mo.act('approve', [a]);
    await jo.act('spam', [b]);
    await jo.act('restore', [b]);
    expect((await mo.audit(`moderator=${jo.moderator.id}`)).map((e) => [e.action, e.commentId])).toEqual([
      ['restore', b],
      ['spam', b],
    ]);
    expect((await mo.audit(`comment=${a}`)).map((e) => [e.actor, e.action, e.moderator?.email ?? null])).toEqual([
      ['moderator', 'approve', 'mo@example.com'],
      ['system', 'hold', null],
    ]);
    const page = await mo.get('/audit?limit=2');
    expect(page.body.entries).toHaveLength(2);
    const rest = await mo.get(`/audit?limit=10&before=${page.body.next}`);
    expect(rest.body.entries.map((e: any) => e.action)).toEqual(['approve', 'hold', 'hold']);
    expect((await mo.get('/moderators')).body.moderators.map((m: any) => m.email)).toEqual(['jo@example.com', 'mo@example.com']);
  });
});

describe('GET /api/config follows the site rule on names and emails', () => {
  test('a site that does not require them tells the widget so; others keep the server default', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('blog2', { requireNameEmail: false }, 0);
    expect((await (await t.get('/api/config?site=blog2')).json()).requireNameEmail).toBe(false);
    expect((await (await t.get('/api/config?site=default')).json()).requireNameEmail).toBe(true);
    expect((await (await t.get('/api/config')).json()).requireNameEmail).toBe(true);
  });
});
