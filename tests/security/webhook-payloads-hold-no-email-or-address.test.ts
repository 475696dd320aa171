import { afterEach, beforeEach, expect, test } from 'vitest';
import { createWebhookTestApp, type WebhookTestApp } from '../helpers/webhook-app.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';
import { signIn } from '../helpers/admin.ts';

let receiver: WebhookReceiver;
let t: WebhookTestApp;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await t?.stop();
  await receiver.close();
});

test('no webhook, in any format, for any event, carries a commenter’s email, address or browser', async () => {
  const formats = ['json', 'slack', 'discord', 'matrix'].map((f) => `${receiver.url}/${f}#format=${f}`).join(',');
  t = createWebhookTestApp({ WEBHOOK_URLS: formats, TRUST_PROXY: 'true' });
  const admin = await signIn(t);
  const from = { 'X-Forwarded-For': '203.0.113.77', 'User-Agent': 'SecretBrowser/9.9' };
  const email = 'private.person@example.com';
  const published = await t.commentFrom({ text: 'Visible words', author: { name: 'Pat', email } }, from);
  await t.repos.sites.saveSettings('default', { moderation: 'all' }, t.time.now);
  const held = await t.commentFrom({ text: 'Held words', author: { name: 'Pat', email } }, from);
  await t.post(`/api/comments/${published.body.comment.id}/report`, {}, { 'X-Parley-Reader': 'reader-aaaaaaaaaaaaaaaa' });
  await admin.act('approve', [held.body.comment.id]);
  await admin.act('spam', [held.body.comment.id]);
  await admin.act('delete', [published.body.comment.id]);
  await t.deliver();
  const events = new Set(receiver.calls.map((c) => c.headers['x-parley-event']));
  expect([...events].sort()).toEqual(['comment.approved', 'comment.created', 'comment.deleted', 'comment.held', 'comment.reported', 'comment.spam']);
  expect(receiver.calls).toHaveLength(6 * 4);
  for (const call of receiver.calls) {
    const seen = call.body + JSON.stringify(call.headers) + call.path;
    expect(seen).not.toContain(email);
    expect(seen).not.toContain('private.person');
    expect(seen).not.toContain('203.0.113.77');
    expect(seen).not.toContain('SecretBrowser');
  }
});
