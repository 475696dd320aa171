/**
 * The background webhook sender: drains the webhook outbox. Each pass claims due deliveries
 * (with a lease) and sends each; a receiver that fails is tried again with exponential
 * back-off, up to `maxAttempts`, then the delivery is marked failed (the admin view lists it,
 * with Retry). A refused target or a 4xx answer fails at once. Never on a request's path.
 *
 * At least once: a process that dies after the receiver answered and before the outbox
 * recorded it sends the delivery again once its lease runs out, with the same
 * X-Parley-Delivery, so a receiver can recognise the repeat.
 */
import type { ClaimedWebhookDelivery, WebhookOutbox } from '../db/types.ts';
import { deliver, type DeliverOptions } from './deliver.ts';
import { webhookRequest } from './formats.ts';
import { signature } from './sign.ts';

export interface WebhookSenderOptions {
  outbox: WebhookOutbox;
  /** WEBHOOK_SECRET; '' sends no signature. */
  secret: string;
  allowPrivate: boolean;
  clock: () => number;
  maxAttempts?: number;
  /** The wait after the first failed attempt; it doubles after each, up to MAX_RETRY_DELAY_MS. */
  retryMs?: number;
  timeoutMs?: number;
  leaseMs?: number;
  pollMs?: number;
  lookup?: DeliverOptions['lookup'];
  log?: (message: string) => void;
}

const HOUR_MS = 3_600_000;
export const MAX_RETRY_DELAY_MS = 6 * HOUR_MS;
export const WEBHOOK_DEFAULTS = { maxAttempts: 8, retryMs: 30_000, timeoutMs: 10_000, leaseMs: 60_000 } as const;
/** Sent deliveries are listed this long, then forgotten. */
const KEEP_SENT_MS = 7 * 24 * HOUR_MS;

export const retryDelay = (attempts: number, baseMs: number) => Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));

export interface WebhookPass {
  sent: number;
  unsent: number;
}

export function createWebhookSender(options: WebhookSenderOptions) {
  const { outbox, clock } = options;
  const o = {
    maxAttempts: options.maxAttempts ?? WEBHOOK_DEFAULTS.maxAttempts,
    retryMs: options.retryMs ?? WEBHOOK_DEFAULTS.retryMs,
    timeoutMs: options.timeoutMs ?? WEBHOOK_DEFAULTS.timeoutMs,
    leaseMs: options.leaseMs ?? WEBHOOK_DEFAULTS.leaseMs,
  };
  const log = options.log ?? ((message: string) => console.error(`[parley] ${message}`));
  const pollMs = options.pollMs ?? 5000;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<unknown> | null = null;
  let again = false;
  let stopped = true;
  let prunedAt = 0;

  async function attempt(delivery: ClaimedWebhookDelivery): Promise<boolean> {
    const request = webhookRequest(delivery.format, delivery.url, delivery.deliveryId, delivery.payload);
    request.headers['X-Parley-Event'] = delivery.event;
    request.headers['X-Parley-Delivery'] = delivery.deliveryId;
    if (options.secret) request.headers['X-Parley-Signature'] = signature(options.secret, request.body);
    const result = await deliver(request, { timeoutMs: o.timeoutMs, allowPrivate: options.allowPrivate, lookup: options.lookup });
    if (result.ok) {
      await outbox.markSent(delivery, result.status, clock());
      return true;
    }
    const last = result.permanent || delivery.attempts >= o.maxAttempts;
    const at = last ? null : clock() + retryDelay(delivery.attempts, o.retryMs);
    await outbox.markUnsent(delivery, at, result.status, result.error);
    const next = at === null ? 'marked failed' : `next attempt in ${Math.round((at - clock()) / 1000)} s`;
    log(
      `webhook ${delivery.deliveryId} (${delivery.event}) to ${new URL(delivery.url).origin} not delivered, attempt ${delivery.attempts}, ${next}: ${result.error}`,
    );
    return false;
  }

  async function pass(): Promise<WebhookPass> {
    const now = clock();
    if (now - prunedAt >= HOUR_MS) {
      prunedAt = now;
      await outbox.prune(now - KEEP_SENT_MS);
    }
    const result: WebhookPass = { sent: 0, unsent: 0 };
    for (;;) {
      const batch = await outbox.claim(clock(), o.leaseMs, 4);
      if (!batch.length) break;
      // A few at once: one slow receiver does not hold up the others for its whole time limit.
      for (const ok of await Promise.all(batch.map(attempt))) ok ? result.sent++ : result.unsent++;
    }
    return result;
  }

  function schedule(delay: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, delay);
  }

  function run() {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch((error: unknown) => log(`the webhook sender failed a pass; it will try again: ${(error as Error).message}`))
      .finally(() => {
        running = null;
        schedule(again ? 0 : pollMs);
        again = false;
      });
  }

  return {
    /** Runs one pass now (tests drive the sender this way instead of starting it). */
    pass,
    /** Something was recorded: send it now rather than at the next poll. */
    wake: () => schedule(0),
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
