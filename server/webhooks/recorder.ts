/**
 * Turns what Parley announces (server/db/changes.ts: the same feed the live readers and the
 * caches hear, on either engine) into webhook deliveries: one per event and target, written
 * to the outbox. It reads the comment as the change is announced; the writing happens after the
 * announcing request's turn (setImmediate), in one batch, so a comment's request never waits for it.
 *
 * Only the server that made a change records it (a change another server announced is
 * marked `remote`), and an event that happens once per comment (new, held, reported) has a
 * dedupe key, so a comment is never announced twice.
 */
import { randomUUID } from 'node:crypto';
import type { Change } from '../db/changes.ts';
import type { NewWebhookDelivery, Repos } from '../db/types.ts';
import type { WebhookTarget } from './webhook-config.ts';
import { webhookPayload, type PayloadContext, type WebhookEvent } from './payload.ts';
import type { ActionSigner } from './action-links.ts';

export interface WebhookRecorderOptions {
  repos: Pick<Repos, 'changes' | 'comments' | 'webhooks'>;
  targets: readonly WebhookTarget[];
  context: PayloadContext;
  /** Approve / Spam links for held and reported comments (WEBHOOK_MODERATOR); none without. */
  signer?: ActionSigner;
  clock: () => number;
  /** Called after deliveries were recorded (the sender sends them at once). */
  onRecorded?: () => void;
  log?: (message: string, error?: unknown) => void;
}

const ONCE: ReadonlySet<WebhookEvent> = new Set(['comment.created', 'comment.held', 'comment.reported']);

/** The event a change is, seen with the comment's status now; null when it is none of the six. */
export function eventOf(change: Change, status: string | undefined): WebhookEvent | null {
  switch (change.type) {
    case 'created':
      return status === 'approved' ? 'comment.created' : status === 'pending' ? 'comment.held' : null;
    case 'status':
      return status === 'approved'
        ? 'comment.approved'
        : status === 'spam'
          ? 'comment.spam'
          : status === 'trash' || status === undefined
            ? 'comment.deleted'
            : null;
    case 'deleted':
      return 'comment.deleted';
    case 'reported':
      return status === undefined ? null : 'comment.reported';
    default:
      return null;
  }
}

export function createWebhookRecorder(options: WebhookRecorderOptions) {
  const { repos, targets, context, clock } = options;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[parley] ${message}`, error ?? ''));
  type Noted = { change: Change; found: ReturnType<Repos['comments']['findComment']> };
  let pending: Noted[] = [];
  let flushing: Promise<number> = Promise.resolve(0);
  let scheduled = false;

  async function actionsFor(event: WebhookEvent, id: number, status: string | undefined) {
    if (!options.signer || (event !== 'comment.held' && event !== 'comment.reported')) return undefined;
    const [approve, spam] = await Promise.all([status === 'approved' ? null : options.signer('approve', id), options.signer('spam', id)]);
    if (!spam) return undefined;
    return approve ? { approve, spam } : { spam };
  }

  async function record(noted: Noted[]): Promise<number> {
    const deliveries: NewWebhookDelivery[] = [];
    for (const { change, found: finding } of noted) {
      const found = await finding;
      const status = change.status ?? found?.comment.status;
      const event = eventOf(change, status);
      if (!event) continue;
      const where = { siteId: change.siteId, page: change.page, commentId: change.commentId! };
      const actions = await actionsFor(event, where.commentId, status);
      const payload = JSON.stringify(webhookPayload(actions, event, found, { ...where, status }, context));
      for (const target of targets) {
        deliveries.push({
          deliveryId: randomUUID(),
          dedupeKey: ONCE.has(event) ? `${event}:${change.commentId}:${target.url}` : null,
          url: target.url,
          format: target.format,
          event,
          payload,
        });
      }
    }
    const added = deliveries.length ? await repos.webhooks.enqueue(deliveries, clock()) : 0;
    if (added) options.onRecorded?.();
    return added;
  }

  /** Records what was announced so far; resolves with how many deliveries were added. */
  function flush(): Promise<number> {
    scheduled = false;
    const batch = pending;
    pending = [];
    flushing = flushing.then(() =>
      batch.length
        ? record(batch).catch((error: unknown) => {
            log(`${batch.length} change(s) could not be recorded for webhooks`, error);
            return 0;
          })
        : 0,
    );
    return flushing;
  }

  const unsubscribe = repos.changes.subscribe((change) => {
    if (change.remote || change.commentId === undefined || !['created', 'status', 'deleted', 'reported'].includes(change.type)) return;
    // Read as the change is announced (at once on SQLite, a primary-key read), so the payload shows the comment as it then was.
    const found = repos.comments.findComment(change.commentId);
    found.catch(() => {});
    pending.push({ change, found });
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => void flush());
    }
  });

  return {
    flush,
    /** Stops listening, after recording what was announced. */
    async stop() {
      unsubscribe();
      await flush();
    },
  };
}

export type WebhookRecorder = ReturnType<typeof createWebhookRecorder>;
