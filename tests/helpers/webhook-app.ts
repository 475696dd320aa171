import { createTestApp } from './test-app.ts';
import { createWebhookRecorder } from '../../server/webhooks/recorder.ts';
import { createWebhookSender, type WebhookSenderOptions } from '../../server/webhooks/sender.ts';
import { createActionSigner } from '../../server/webhooks/action-links.ts';

export const BLOG = 'https://blog.example';
export const SERVER = 'https://comments.example';
export const WEBHOOK_SECRET = 'webhook-secret-0123456789';
/** The app's own secret (tests/helpers/test-app.ts): it signs the one-click links. */
const APP_SECRET = 'test-secret-'.padEnd(48, 'x');

/**
 * A test app with webhooks on (WEBHOOK_URLS from `env`), its recorder listening, and a sender
 * the test drives with `t.deliver()` (record what was announced, then one pass) on the app's
 * movable clock.
 */
export function createWebhookTestApp(env: Record<string, string>, sender: Partial<WebhookSenderOptions> = {}) {
  const t = createTestApp({ WEBHOOK_SECRET, SITE_ORIGINS: BLOG, PUBLIC_URL: SERVER, ...env });
  const clock = () => t.time.now;
  const webhooks = t.config.webhooks!;
  const recorder = createWebhookRecorder({
    repos: t.repos,
    targets: webhooks.targets,
    context: { pageBase: BLOG, serverUrl: SERVER },
    signer: webhooks.moderator ? createActionSigner({ repos: t.repos, email: webhooks.moderator, secret: APP_SECRET, serverUrl: SERVER, clock }) : undefined,
    clock,
    log: () => {},
  });
  const outbox = createWebhookSender({
    outbox: t.repos.webhooks,
    secret: webhooks.secret,
    allowPrivate: webhooks.allowPrivate,
    clock,
    log: () => {},
    timeoutMs: 2000,
    ...sender,
  });
  return {
    ...t,
    recorder,
    sender: outbox,
    /** Records the changes announced so far, then runs the sender once. */
    async deliver() {
      await recorder.flush();
      return outbox.pass();
    },
    /** Requests a link from a message (absolute, on SERVER) from the app. */
    follow: (url: string, init: RequestInit = {}) => t.app.request(url.replace(SERVER, ''), init),
    /** A guest comment posted from the blog's origin. */
    commentFrom: (fields: Record<string, unknown> = {}, headers: Record<string, string> = {}) => t.comment(fields, { Origin: BLOG, ...headers }),
    async stop() {
      await recorder.stop();
      await outbox.stop();
    },
  };
}

export type WebhookTestApp = ReturnType<typeof createWebhookTestApp>;
