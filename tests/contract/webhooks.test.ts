import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createWebhookTestApp, SERVER, WEBHOOK_SECRET, type WebhookTestApp } from '../helpers/webhook-app.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';
import { signIn } from '../helpers/admin.ts';

const MINUTE = 60_000;
const hmac = (body: string) => `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;
const READER = { 'X-Parley-Reader': 'reader-aaaaaaaaaaaaaaaa' };

let receiver: WebhookReceiver;
let t: WebhookTestApp;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await t?.stop();
  await receiver.close();
});

const events = () => receiver.calls.map((call) => call.headers['x-parley-event']);
const bodies = () => receiver.calls.map((call) => JSON.parse(call.body));

describe('webhooks: signed JSON for each event', () => {
  test('a new comment reaches the receiver signed, with the documented payload and headers', async () => {
    t = createWebhookTestApp({ WEBHOOK_URLS: `${receiver.url}/hook` });
    const posted = await t.commentFrom({
      page: '/2026/a-post/',
      title: 'A post',
      text: 'Hello *there*',
      author: { name: 'Ada', email: 'ada@example.com', url: 'https://ada.example' },
    });
    expect(posted.status).toBe(201);
    expect(receiver.calls).toHaveLength(0);
    expect(await t.deliver()).toEqual({ sent: 1, unsent: 0 });
    const [call] = receiver.calls;
    expect(call!.method).toBe('POST');
    expect(call!.path).toBe('/hook');
    expect(call!.headers['content-type']).toBe('application/json');
    expect(call!.headers['x-parley-event']).toBe('comment.created');
    expect(call!.headers['x-parley-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(call!.headers['x-parley-signature']).toBe(hmac(call!.body));
    expect(JSON.parse(call!.body)).toEqual({
      event: 'comment.created',
      site: 'default',
      page: '/2026/a-post/',
      title: 'A post',
      pageUrl: `https://blog.example/2026/a-post/#comment-${posted.body.comment.id}`,
      comment: {
        id: posted.body.comment.id,
        parent: null,
        author: { name: 'Ada', url: 'https://ada.example/' },
        html: '<p>Hello <em>there</em></p>',
        text: 'Hello there',
        status: 'approved',
        createdAt: new Date(t.time.now).toISOString(),
      },
      moderationUrl: `${SERVER}/admin/#comment-${posted.body.comment.id}`,
    });
    expect(await t.deliver()).toEqual({ sent: 0, unsent: 0 });
  });

  test('held, approved, spam, reported and deleted comments each send their event', async () => {
    t = createWebhookTestApp({ WEBHOOK_URLS: receiver.url });
    const admin = await signIn(t);
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, t.time.now);
    const held = await t.commentFrom({ text: 'Please hold me' });
    expect(held.status).toBe(202);
    await t.deliver();
    expect(events()).toEqual(['comment.held']);
    expect(bodies()[0].comment.status).toBe('pending');

    const id = held.body.comment.id;
    expect((await admin.act('approve', [id])).status).toBe(200);
    expect((await t.post(`/api/comments/${id}/report`, { reason: 'rude' }, READER)).status).toBe(200);
    expect((await t.post(`/api/comments/${id}/report`, { reason: 'again' }, READER)).status).toBe(200);
    expect((await admin.act('spam', [id])).status).toBe(200);
    expect((await admin.act('trash', [id])).status).toBe(200);
    await t.deliver();
    expect(events()).toEqual(['comment.held', 'comment.approved', 'comment.reported', 'comment.spam', 'comment.deleted']);
    expect(bodies().map((b) => b.comment.status)).toEqual(['pending', 'approved', 'approved', 'spam', 'trash']);

    const other = await t.commentFrom({ text: 'Purged soon' });
    await admin.act('delete', [other.body.comment.id]);
    await t.deliver();
    expect(events().slice(5)).toEqual(['comment.held', 'comment.deleted']);
    expect(bodies()[6].comment).toMatchObject({ id: other.body.comment.id, status: 'deleted' });
    expect(new Set(receiver.calls.map((c) => c.headers['x-parley-delivery'])).size).toBe(receiver.calls.length);
  });

  test('every target gets each event once, with its own delivery id', async () => {
    const second = await startWebhookReceiver();
    try {
      t = createWebhookTestApp({ WEBHOOK_URLS: `${receiver.url}/a, ${second.url}/b` });
      await t.commentFrom();
      await t.deliver();
      expect(receiver.calls).toHaveLength(1);
      expect(second.calls).toHaveLength(1);
      expect(receiver.calls[0]!.headers['x-parley-delivery']).not.toBe(second.calls[0]!.headers['x-parley-delivery']);
      expect(receiver.calls[0]!.body).toBe(second.calls[0]!.body);
    } finally {
      await second.close();
    }
  });
});

describe('webhooks: the outbox retries with back-off and lists failures', () => {
  test('a failing receiver is tried again after 30 s, then 60 s, with the same delivery id; the call then lands', async () => {
    t = createWebhookTestApp({ WEBHOOK_URLS: receiver.url });
    receiver.answer(503);
    await t.commentFrom();
    expect(await t.deliver()).toEqual({ sent: 0, unsent: 1 });
    t.time.now += 29_000;
    expect(await t.deliver()).toEqual({ sent: 0, unsent: 0 });
    t.time.now += 1000;
    expect(await t.deliver()).toEqual({ sent: 0, unsent: 1 });
    t.time.now += MINUTE - 1000;
    expect(await t.deliver()).toEqual({ sent: 0, unsent: 0 });
    receiver.answer(200);
    t.time.now += 1000;
    expect(await t.deliver()).toEqual({ sent: 1, unsent: 0 });
    expect(new Set(receiver.calls.map((c) => c.headers['x-parley-delivery'])).size).toBe(1);
    expect(receiver.calls.every((c) => c.headers['x-parley-signature'] === hmac(c.body))).toBe(true);
    expect(receiver.calls).toHaveLength(3);
  });

  test('a refused delivery (4xx) fails at once; the admin view lists it with the answer, and Retry sends it again', async () => {
    t = createWebhookTestApp({ WEBHOOK_URLS: `${receiver.url}/gone` });
    const admin = await signIn(t);
    receiver.answer(410);
    await t.commentFrom();
    expect(await t.deliver()).toEqual({ sent: 0, unsent: 1 });
    const listed = await admin.get('/webhooks?state=failed');
    expect(listed.status).toBe(200);
    expect(listed.body.enabled).toBe(true);
    expect(listed.body.targets).toEqual([{ target: receiver.url, format: 'json' }]);
    expect(listed.body.counts).toEqual({ queued: 0, sent: 0, failed: 1 });
    const [failed] = listed.body.deliveries;
    expect(failed).toMatchObject({ event: 'comment.created', state: 'failed', attempts: 1, lastStatus: 410, target: receiver.url });
    expect(failed.lastError).toContain('410');

    receiver.answer(204);
    expect((await admin.post(`/webhooks/${failed.id}/retry`, {})).body).toEqual({ retried: true });
    expect((await admin.post(`/webhooks/${failed.id}/retry`, {})).status).toBe(404);
    expect(await t.deliver()).toEqual({ sent: 1, unsent: 0 });
    const after = await admin.get('/webhooks');
    expect(after.body.counts).toEqual({ queued: 0, sent: 1, failed: 0 });
    expect(after.body.deliveries[0]).toMatchObject({ state: 'sent', lastStatus: 204, deliveryId: failed.deliveryId });
    expect((await admin.get('/webhooks?state=lost')).status).toBe(400);
  });

  test('after the last attempt a delivery is marked failed', async () => {
    t = createWebhookTestApp({ WEBHOOK_URLS: receiver.url }, { maxAttempts: 2, retryMs: 1000 });
    receiver.answer(500);
    await t.commentFrom();
    expect(await t.deliver()).toEqual({ sent: 0, unsent: 1 });
    t.time.now += 1000;
    expect(await t.deliver()).toEqual({ sent: 0, unsent: 1 });
    t.time.now += 60 * MINUTE;
    expect(await t.deliver()).toEqual({ sent: 0, unsent: 0 });
    expect(await t.repos.webhooks.counts()).toEqual({ queued: 0, sent: 0, failed: 1 });
  });

  test('the admin API needs a moderator', async () => {
    t = createWebhookTestApp({ WEBHOOK_URLS: receiver.url });
    expect((await t.get('/api/admin/webhooks')).status).toBe(401);
  });
});

describe('webhooks: chat formats', () => {
  test('Slack and Discord get a readable message with links; what the commenter wrote cannot mention or mark up', async () => {
    t = createWebhookTestApp({ WEBHOOK_URLS: `${receiver.url}/slack#format=slack,${receiver.url}/discord#format=discord` });
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, t.time.now);
    const held = await t.commentFrom({ text: 'Hi <!channel> @everyone *bold*', author: { name: 'Eve <b>', email: 'eve@example.com' } });
    await t.deliver();
    const slack = receiver.calls.find((c) => c.path === '/slack')!;
    const discord = receiver.calls.find((c) => c.path === '/discord')!;
    expect(slack.headers['x-parley-event']).toBe('comment.held');
    const s = JSON.parse(slack.body);
    expect(s.text).toContain('Comment held for moderation: Eve &lt;b&gt; on “A post”');
    expect(s.text).toContain('&lt;!channel&gt;');
    // Without WEBHOOK_MODERATOR, Approve and Spam open the admin view at this comment (signing in there).
    const admin = `${SERVER}/admin/#comment-${held.body.comment.id}`;
    expect(s.text).toContain(`<${admin}|Approve> · <${admin}|Spam> · <${admin}|Moderate>`);
    const d = JSON.parse(discord.body);
    expect(d.allowed_mentions).toEqual({ parse: [] });
    expect(d.content).toContain('> Hi \\<!channel\\> \\@everyone bold');
    expect(d.content).toContain(`[Approve](<${admin}>) · [Spam](<${admin}>) · [Moderate](<${admin}>)`);
    expect(slack.headers['x-parley-signature']).toBe(hmac(slack.body));
  });

  test('every chat format carries Approve and Spam for a held comment, Spam for a reported one, and neither once decided', async () => {
    const formats = ['slack', 'discord', 'matrix'].map((f) => `${receiver.url}/${f}#format=${f}`).join(',');
    t = createWebhookTestApp({ WEBHOOK_URLS: formats });
    const admin = await signIn(t);
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, t.time.now);
    const held = await t.commentFrom({ text: 'Waiting' });
    await admin.act('approve', [held.body.comment.id]);
    await t.post(`/api/comments/${held.body.comment.id}/report`, { reason: 'rude' }, READER);
    await t.deliver();
    const text = (call: (typeof receiver.calls)[number]) => {
      const body = JSON.parse(call.body);
      return body.text ?? body.content ?? body.formatted_body;
    };
    const links = (event: string) =>
      receiver.calls
        .filter((c) => c.headers['x-parley-event'] === event)
        .map((c) => [...text(c).matchAll(/\b(Approve|Spam|View|Moderate)\b/g)].map((m) => m[1]));
    expect(links('comment.held')).toEqual(Array(3).fill(['Approve', 'Spam', 'Moderate']));
    expect(links('comment.reported')).toEqual(Array(3).fill(['Spam', 'View', 'Moderate']));
    expect(links('comment.approved')).toEqual(Array(3).fill(['View', 'Moderate']));
    const matrix = receiver.calls.find((c) => c.path.startsWith('/matrix') && c.headers['x-parley-event'] === 'comment.held')!;
    expect(JSON.parse(matrix.body).formatted_body).toContain(`<a href="${SERVER}/admin/#comment-${held.body.comment.id}">Approve</a>`);
  });

  test('a Matrix room gets a PUT with the delivery id as transaction id and its token as a header', async () => {
    const room = `${receiver.url}/_matrix/client/v3/rooms/!abc:example.org/send/m.room.message?access_token=syt_secret`;
    t = createWebhookTestApp({ WEBHOOK_URLS: room });
    expect(t.config.webhooks!.targets[0]!.format).toBe('matrix');
    await t.commentFrom({ text: 'Hello <room>' });
    await t.deliver();
    const [call] = receiver.calls;
    expect(call!.method).toBe('PUT');
    expect(call!.path).toBe(`/_matrix/client/v3/rooms/!abc:example.org/send/m.room.message/${call!.headers['x-parley-delivery']}`);
    expect(call!.headers.authorization).toBe('Bearer syt_secret');
    const body = JSON.parse(call!.body);
    expect(body).toMatchObject({ msgtype: 'm.notice', format: 'org.matrix.custom.html' });
    expect(body.formatted_body).toContain('&lt;room&gt;');
    expect(body.body).toContain('New comment: Ada on “A post”');
  });
});

describe('webhooks: Approve and Spam links in chat messages (WEBHOOK_MODERATOR)', () => {
  const form = () => ({ method: 'POST', body: new URLSearchParams() });

  test('a held comment’s message links to one-click Approve and Spam pages that act as that moderator', async () => {
    t = createWebhookTestApp({ WEBHOOK_URLS: `${receiver.url}/slack#format=slack,${receiver.url}/json`, WEBHOOK_MODERATOR: 'Mod@Example.com' });
    const admin = await signIn(t, 'mod@example.com');
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, t.time.now);
    const held = await t.commentFrom({ text: 'Let me in' });
    await t.deliver();
    const json = JSON.parse(receiver.calls.find((c) => c.path === '/json')!.body);
    expect(Object.keys(json.actions)).toEqual(['approve', 'spam']);
    expect(json.actions.approve).toMatch(new RegExp(`^${SERVER}/mail/moderate\\?t=approve\\.${held.body.comment.id}\\.${admin.moderator.id}\\.`));
    const slack = JSON.parse(receiver.calls.find((c) => c.path === '/slack')!.body).text as string;
    expect(slack).toContain(`<${json.actions.approve}|Approve>`);
    expect(slack).toContain(`<${json.actions.spam}|Spam>`);

    // The link shows a page with a button (a link preview approves nothing); the button acts.
    expect(await (await t.follow(json.actions.approve)).text()).toContain('Approve this comment?');
    expect(await t.repos.comments.statusOf(held.body.comment.id)).toBe('pending');
    expect(await (await t.follow(json.actions.approve, form())).text()).toContain('The comment is approved and published.');
    const [entry] = await t.repos.audit.list({ commentId: held.body.comment.id, limit: 1 });
    expect(entry).toMatchObject({ actor: 'moderator', action: 'approve', moderatorEmail: 'mod@example.com' });
    await t.deliver();
    expect(events().slice(-2)).toEqual(['comment.approved', 'comment.approved']);
  });

  test('a reported comment’s message has a Spam link only; without WEBHOOK_MODERATOR, or when that moderator is gone, none', async () => {
    t = createWebhookTestApp({ WEBHOOK_URLS: receiver.url, WEBHOOK_MODERATOR: 'mod@example.com' });
    await signIn(t, 'mod@example.com');
    const posted = await t.commentFrom({ text: 'Reported soon' });
    await t.post(`/api/comments/${posted.body.comment.id}/report`, {}, READER);
    await t.deliver();
    const reported = bodies().find((b) => b.event === 'comment.reported');
    expect(Object.keys(reported.actions)).toEqual(['spam']);
    expect(bodies().find((b) => b.event === 'comment.created').actions).toBeUndefined();
    await t.stop();

    t = createWebhookTestApp({ WEBHOOK_URLS: receiver.url, WEBHOOK_MODERATOR: 'nobody@example.com' });
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, t.time.now);
    await t.commentFrom({ text: 'No one to act' });
    await t.deliver();
    expect(bodies().at(-1)).toMatchObject({ event: 'comment.held' });
    expect(bodies().at(-1).actions).toBeUndefined();
  });
});
