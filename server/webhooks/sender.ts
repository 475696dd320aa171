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
import { createAgents, deliver, type DeliverOptions } from './deliver.ts';
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
  /** Runs at the start of each pass: turns recorded events into deliveries (an earlier process's, another server's). */
  beforePass?: () => Promise<unknown>;
  log?: (message: string) => void;
}

const HOUR_MS = 3_600_000;
export const MAX_RETRY_DELAY_MS = 6 * HOUR_MS;
export const WEBHOOK_DEFAULTS = { maxAttempts: 8, retryMs: 30_000, timeoutMs: 10_000, leaseMs: 60_000 } as const;
/** Sent deliveries are listed this long, then forgotten. */
const KEEP_SENT_MS = 7 * 24 * HOUR_MS;

/** Deliveries claimed (and recorded as sent) together, and how many of them are in flight at once. */
const BATCH = 32;
const PARALLEL = 4;
/** A wake-up waits this long, so the deliveries of a burst of comments go out in one batch. */
const GATHER_MS = 200;

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
  let gathering = false;
  /** Connections kept open to each receiver: a TLS handshake is most of a delivery's cost. */
  const agents = createAgents();

  /** Sends one delivery; records a failure at once, and hands a success back to be recorded with its batch. */
  async function attempt(delivery: ClaimedWebhookDelivery): Promise<{ delivery: ClaimedWebhookDelivery; status: number } | null> {
    const request = webhookRequest(delivery.format, delivery.url, delivery.deliveryId, delivery.payload);
    request.headers['X-Parley-Event'] = delivery.event;
    request.headers['X-Parley-Delivery'] = delivery.deliveryId;
    if (options.secret) request.headers['X-Parley-Signature'] = signature(options.secret, request.body);
    const result = await deliver(request, { timeoutMs: o.timeoutMs, allowPrivate: options.allowPrivate, lookup: options.lookup, agents });
    if (result.ok) return { delivery, status: result.status };
    const last = result.permanent || delivery.attempts >= o.maxAttempts;
    const at = last ? null : clock() + retryDelay(delivery.attempts, o.retryMs);
    await outbox.markUnsent(delivery, at, result.status, result.error);
    const next = at === null ? 'marked failed' : `next attempt in ${Math.round((at - clock()) / 1000)} s`;
    log(
      `webhook ${delivery.deliveryId} (${delivery.event}) to ${new URL(delivery.url).origin} not delivered, attempt ${delivery.attempts}, ${next}: ${result.error}`,
    );
    return null;
  }

  async function pass(): Promise<WebhookPass> {
    await options.beforePass?.();
    const now = clock();
    if (now - prunedAt >= HOUR_MS) {
      prunedAt = now;
      await outbox.prune(now - KEEP_SENT_MS);
    }
    const result: WebhookPass = { sent: 0, unsent: 0 };
    for (;;) {
      const batch = await outbox.claim(clock(), o.leaseMs, BATCH);
      if (!batch.length) break;
      const delivered: Array<{ delivery: ClaimedWebhookDelivery; status: number }> = [];
      // A few at once: one slow receiver does not hold up the others for its whole time limit.
      for (let i = 0; i < batch.length; i += PARALLEL) {
        for (const ok of await Promise.all(batch.slice(i, i + PARALLEL).map(attempt))) ok ? delivered.push(ok) : result.unsent++;
      }
      // One write for the batch's successes: a busy site's comments do not wait behind one write per delivery.
      await outbox.markSent(delivered, clock());
      result.sent += delivered.length;
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
    gathering = false;
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
    /** Something was recorded: send it shortly (with what a burst adds meanwhile) rather than at the next poll. */
    wake() {
      if (gathering) return;
      gathering = true;
      schedule(GATHER_MS);
    },
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
      agents.close();
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
