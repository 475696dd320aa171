import type { Config } from '../config.ts';
import type { Repos } from '../db/types.ts';
import { createWebhookRecorder } from './recorder.ts';
import { createWebhookSender } from './sender.ts';
import { createActionSigner } from './action-links.ts';

/**
 * Starts recording events for WEBHOOK_URLS and the background sender (main.ts calls this when
 * webhooks are configured, before it listens; createApp never does, so tests drive both
 * themselves). Links point at PUBLIC_URL, or at `fallbackUrl` (the address the server listens
 * on) for a local trial.
 */
export function startWebhooks(options: { config: Config; repos: Repos; secret: string; fallbackUrl: string }) {
  const { config, repos } = options;
  const webhooks = config.webhooks!;
  const serverUrl = config.publicUrl || options.fallbackUrl;
  // From here on, writes record their events (before the server takes its first request).
  const recorder = createWebhookRecorder({
    repos,
    targets: webhooks.targets,
    context: { pageBase: config.siteOrigins[0] ?? config.publicUrl, serverUrl },
    signer: webhooks.moderator ? createActionSigner({ repos, email: webhooks.moderator, secret: options.secret, serverUrl, clock: Date.now }) : undefined,
    clock: Date.now,
    onRecorded: () => sender.wake(),
  });
  const sender = createWebhookSender({
    outbox: repos.webhooks,
    secret: webhooks.secret,
    allowPrivate: webhooks.allowPrivate,
    clock: Date.now,
    beforePass: recorder.flush,
  });
  // The first pass sends what an earlier process left: events it recorded, deliveries it had not sent.
  sender.start();
  return {
    async stop() {
      await recorder.stop();
      await sender.stop();
    },
  };
}
