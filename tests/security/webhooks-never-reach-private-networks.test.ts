import type { LookupAddress } from 'node:dns';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createWebhookTestApp, type WebhookTestApp } from '../helpers/webhook-app.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';
import type { Lookup } from '../../server/webhooks/target-address.ts';

/** A resolver that answers `address` for every name: what a rebinding DNS server would do. */
const resolvesTo = (address: string): Lookup =>
  ((_host: string, _options: unknown, callback: (error: null, addresses: LookupAddress[]) => void) =>
    callback(null, [{ address, family: address.includes(':') ? 6 : 4 }])) as unknown as Lookup;

let receiver: WebhookReceiver;
let t: WebhookTestApp;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await t?.stop();
  await receiver.close();
});

describe('a webhook never reaches the server’s own network on a name’s say-so', () => {
  test('a public name that resolves to loopback at delivery time is refused, and marked failed with why', async () => {
    const port = new URL(receiver.url).port;
    t = createWebhookTestApp({ WEBHOOK_URLS: `https://hooks.receiver.example:${port}/hook` }, { lookup: resolvesTo('127.0.0.1') });
    await t.commentFrom();
    expect(await t.deliver()).toEqual({ sent: 0, unsent: 1 });
    const [failed] = await t.repos.webhooks.list({ state: 'failed', limit: 5 });
    expect(failed!.lastError).toContain('must not point at 127.0.0.1, a private-network address');
    expect(failed!.attempts).toBe(1);
    expect(receiver.calls).toHaveLength(0);
  });

  test('a name that resolves to a private network or the metadata service is refused; WEBHOOK_ALLOW_PRIVATE opens only private networks', async () => {
    t = createWebhookTestApp({ WEBHOOK_URLS: 'https://hooks.receiver.example/hook' }, { lookup: resolvesTo('10.20.30.40') });
    await t.commentFrom();
    await t.deliver();
    expect((await t.repos.webhooks.list({ limit: 1 }))[0]!.lastError).toContain('10.20.30.40, a private-network address');
    await t.stop();

    t = createWebhookTestApp({ WEBHOOK_URLS: 'https://hooks.receiver.example/hook', WEBHOOK_ALLOW_PRIVATE: 'true' }, { lookup: resolvesTo('169.254.169.254') });
    await t.commentFrom();
    await t.deliver();
    const [metadata] = await t.repos.webhooks.list({ limit: 1 });
    expect(metadata!.state).toBe('failed');
    expect(metadata!.lastError).toContain('169.254.169.254, a link-local or unspecified address');
  });

  test('a URL naming loopback reaches only loopback, even if its name resolves elsewhere', async () => {
    const port = new URL(receiver.url).port;
    t = createWebhookTestApp({ WEBHOOK_URLS: `http://localhost:${port}/hook` }, { lookup: resolvesTo('10.0.0.8') });
    await t.commentFrom();
    await t.deliver();
    expect((await t.repos.webhooks.list({ limit: 1 }))[0]!.lastError).toContain('localhost resolves to 10.0.0.8, not a loopback address');
  });

  test('a redirect is not followed', async () => {
    const elsewhere = await startWebhookReceiver();
    try {
      t = createWebhookTestApp({ WEBHOOK_URLS: `${receiver.url}/hook` });
      receiver.answer(307, { Location: `${elsewhere.url}/internal` });
      await t.commentFrom();
      expect(await t.deliver()).toEqual({ sent: 0, unsent: 1 });
      expect(receiver.calls).toHaveLength(1);
      expect(elsewhere.calls).toHaveLength(0);
      const [failed] = await t.repos.webhooks.list({ limit: 1 });
      expect(failed).toMatchObject({ state: 'failed', lastStatus: 307 });
      expect(failed!.lastError).toContain('redirects are not followed');
    } finally {
      await elsewhere.close();
    }
  });
});
