/**
 * Turns the webhook events that writes recorded (server/db/webhook-events.ts: in the write's own
 * transaction, so an answered comment's event is on disk) into deliveries: one per event and
 * target, written to the outbox in the transaction that forgets the event. A crash at any point
 * loses nothing: an event is either still waiting or already a delivery.
 *
 * It runs in the background: just after a write was announced (server/db/changes.ts, batched on
 * setImmediate, so the announcing request never waits for it), and before each pass of the sender
 * (what an earlier process or another server left). Every delivery has a dedupe key, so an event
 * that two servers turn into deliveries at once, or a once-per-comment event (new, held, reported)
 * recorded again, is delivered once.
 */
import { randomUUID } from 'node:crypto';
import type { NewWebhookDelivery, RecordedWebhookEvent, Repos, WebhookEvent } from '../db/types.ts';
import type { WebhookTarget } from './webhook-config.ts';
import { webhookPayload, type PayloadContext } from './payload.ts';
import type { ActionSigner } from './action-links.ts';

export interface WebhookRecorderOptions {
  repos: Pick<Repos, 'changes' | 'comments' | 'webhooks'>;
  targets: readonly WebhookTarget[];
  context: PayloadContext;
  /** Signed Approve / Spam links for held and reported comments (WEBHOOK_MODERATOR); none without. */
  signer?: ActionSigner;
  clock: () => number;
  /** Called after an announced write's deliveries were recorded (the sender sends them at once). */
  onRecorded?: () => void;
  log?: (message: string, error?: unknown) => void;
}

const ONCE: ReadonlySet<WebhookEvent> = new Set(['comment.created', 'comment.held', 'comment.reported']);
/** The changes that may have recorded an event. */
const EVENTFUL = new Set(['created', 'status', 'deleted', 'reported']);
/** Events turned into deliveries per transaction. */
const BATCH = 100;

export function createWebhookRecorder(options: WebhookRecorderOptions) {
  const { repos, targets, context, clock } = options;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[parley] ${message}`, error ?? ''));
  let flushing: Promise<number> = Promise.resolve(0);
  let scheduled = false;
  repos.webhooks.startRecording();

  async function actionsFor(event: WebhookEvent, id: number, status: string | undefined) {
    if (!options.signer || (event !== 'comment.held' && event !== 'comment.reported')) return undefined;
    const [approve, spam] = await Promise.all([status === 'approved' ? null : options.signer('approve', id), options.signer('spam', id)]);
    if (!spam) return undefined;
    return approve ? { approve, spam } : { spam };
  }

  /** The deliveries of one event, built from the comment as it is now (a deleted one may be gone). */
  async function deliveriesOf(recorded: RecordedWebhookEvent): Promise<NewWebhookDelivery[]> {
    const { event, commentId } = recorded;
    const found = await repos.comments.findComment(commentId);
    const status = recorded.status ?? found?.comment.status;
    const actions = await actionsFor(event, commentId, status);
    const payload = JSON.stringify(webhookPayload(actions, event, found, { siteId: recorded.siteId, page: recorded.page, commentId, status }, context));
    return targets.map((target) => ({
      deliveryId: randomUUID(),
      dedupeKey: ONCE.has(event) ? `${event}:${commentId}:${target.url}` : `event-${recorded.id}:${target.url}`,
      url: target.url,
      format: target.format,
      event,
      payload,
    }));
  }

  async function record(): Promise<number> {
    let added = 0;
    for (;;) {
      const events = await repos.webhooks.recordedEvents(BATCH);
      if (!events.length) return added;
      const deliveries = (await Promise.all(events.map(deliveriesOf))).flat();
      added += await repos.webhooks.enqueue(
        deliveries,
        clock(),
        events.map((e) => e.id),
      );
      if (events.length < BATCH) return added;
    }
  }

  /** Turns the recorded events into deliveries (one run at a time); resolves with how many were added. */
  function flush(): Promise<number> {
    scheduled = false;
    flushing = flushing.then(() =>
      record().catch((error: unknown) => {
        log('webhook events could not be turned into deliveries yet; they stay recorded and are tried again', error);
        return 0;
      }),
    );
    return flushing;
  }

  // A write of this server's was announced: its events are on disk; make them deliveries now rather than at the next poll.
  const unsubscribe = repos.changes.subscribe((change) => {
    if (change.remote || !EVENTFUL.has(change.type) || scheduled) return;
    scheduled = true;
    setImmediate(() => void flush().then((added) => added && options.onRecorded?.()));
  });

  return {
    flush,
    /** Stops listening, after turning what was recorded into deliveries. */
    async stop() {
      unsubscribe();
      await flush();
    },
  };
}

export type WebhookRecorder = ReturnType<typeof createWebhookRecorder>;
