import type { Db } from './open.ts';
import type { OutboxWriter } from './mail-outbox.ts';
import type { CommentRow, MailJobRow, SubscriptionRow, ThreadRow } from './rows.ts';
import type { MailJobs, Moderator } from './types.ts';
import type { MailComposer, OutgoingMail } from '../mail/types.ts';
import { toComment, toMailJob, toSubscription, toThread } from './map.ts';

/** Subscribers handled in one transaction: a big thread's fan-out never holds the event loop for long. */
export const FANOUT_CHUNK = 100;

/** How long a daily-digest subscriber's first collected comment waits for the others. */
export const DIGEST_PERIOD_MS = 24 * 60 * 60 * 1000;

export const sameAddress = (a: string, b: string) => a !== '' && a.toLowerCase() === b.toLowerCase();

/**
 * Turns mail jobs into outbox messages. Each step is one transaction that
 * queues its messages together with the job's progress (done, or the cursor of
 * a big thread's fan-out, taken FANOUT_CHUNK subscribers at a time), so every
 * recipient is queued exactly once even across crashes. Recipients are read
 * at that moment (who is subscribed now; the moderators now). Also collects and
 * renders the daily digests.
 */
export function createMailJobs(db: Db, outbox: OutboxWriter): MailJobs {
  const pending = db.prepare<[number], MailJobRow>('SELECT * FROM mail_jobs WHERE done_at IS NULL ORDER BY id LIMIT ?');
  const freshJob = db.prepare<[number], MailJobRow>('SELECT * FROM mail_jobs WHERE id = ? AND done_at IS NULL');
  const done = db.prepare('UPDATE mail_jobs SET done_at = ? WHERE id = ? AND done_at IS NULL');
  const advance = db.prepare('UPDATE mail_jobs SET cursor = ? WHERE id = ?');
  const findComment = db.prepare<[number], CommentRow>('SELECT * FROM comments WHERE id = ?');
  const findThread = db.prepare<[number], ThreadRow>('SELECT * FROM threads WHERE id = ?');
  const findSubscription = db.prepare<[number], SubscriptionRow>('SELECT * FROM mail_subscriptions WHERE id = ?');
  const subscribers = db.prepare<[number, number, number], SubscriptionRow>(
    "SELECT * FROM mail_subscriptions WHERE thread_id = ? AND state = 'active' AND id > ? ORDER BY id LIMIT ?",
  );
  const moderators = db.prepare<[], Moderator>('SELECT id, email, name FROM moderators ORDER BY id');
  const heldReason = db.prepare<[number], { held_reason: string }>('SELECT held_reason FROM comment_moderation WHERE comment_id = ?');
  const addItem = db.prepare('INSERT OR IGNORE INTO mail_digest_items (subscription_id, comment_id, reply, created_at) VALUES (?, ?, ?, ?)');
  const scheduleDigest = db.prepare('UPDATE mail_subscriptions SET digest_due_at = coalesce(digest_due_at, ?) WHERE id = ?');
  const dueDigests = db.prepare<[number, number], SubscriptionRow>('SELECT * FROM mail_subscriptions WHERE digest_due_at <= ? ORDER BY digest_due_at LIMIT ?');
  const digestItems = db.prepare<[number], CommentRow & { reply: number }>(`SELECT c.*, i.reply FROM mail_digest_items i
    JOIN comments c ON c.id = i.comment_id WHERE i.subscription_id = ? AND c.status = 'approved' ORDER BY c.created_at, c.id`);
  const clearDigest = db.prepare('DELETE FROM mail_digest_items WHERE subscription_id = ?');
  const clearDue = db.prepare('UPDATE mail_subscriptions SET digest_due_at = NULL WHERE id = ?');

  /** Messages to queue, and where a chunked job stands: null when it is finished. */
  type Planned = { mails: Array<{ mail: OutgoingMail; key: string }>; cursor: number | null };
  const finished = (mails: Planned['mails'] = []): Planned => ({ mails, cursor: null });

  /**
   * A published comment, for the next chunk of the thread's active subscribers (by id, after the job's
   * cursor): a mail to each but its author, or a digest entry for daily subscribers.
   */
  function published(job: MailJobRow, composer: MailComposer): Planned {
    const comment = findComment.get(job.comment_id!);
    if (comment?.status !== 'approved') return finished();
    const thread = findThread.get(comment.thread_id)!;
    const parent = comment.parent_id === null ? undefined : findComment.get(comment.parent_id);
    const chunk = subscribers.all(thread.id, job.cursor, FANOUT_CHUNK);
    const planned: Planned = { mails: [], cursor: chunk.length < FANOUT_CHUNK ? null : chunk.at(-1)!.id };
    for (const subscription of chunk) {
      if (sameAddress(comment.author_email, subscription.email)) continue;
      const reply = parent !== undefined && sameAddress(parent.author_email, subscription.email);
      if (subscription.digest === 'daily') {
        // The day runs from the first collected comment's publication, however late the sender got to it.
        addItem.run(subscription.id, comment.id, reply ? 1 : 0, job.created_at);
        scheduleDigest.run(job.created_at + DIGEST_PERIOD_MS, subscription.id);
        continue;
      }
      planned.mails.push({
        mail: composer.published({ comment: toComment(comment), thread: toThread(thread), subscription: toSubscription(subscription), reply }),
        key: `published:${comment.id}:${subscription.id}`,
      });
    }
    return planned;
  }

  /** A held comment: a mail to every moderator, while it is still held. */
  function held(job: MailJobRow, composer: MailComposer): Planned {
    const comment = findComment.get(job.comment_id!);
    if (comment?.status !== 'pending') return finished();
    const thread = findThread.get(comment.thread_id)!;
    const reason = heldReason.get(comment.id)?.held_reason ?? '';
    return finished(
      moderators.all().map((moderator) => ({
        mail: composer.held({ comment: toComment(comment), thread: toThread(thread), moderator, origin: job.origin, reason }),
        key: `held:${comment.id}:${moderator.id}`,
      })),
    );
  }

  function confirm(job: MailJobRow, composer: MailComposer): Planned {
    const subscription = findSubscription.get(job.subscription_id!);
    if (subscription?.state !== 'pending') return finished();
    const thread = findThread.get(subscription.thread_id)!;
    return finished([{ mail: composer.confirm({ subscription: toSubscription(subscription), thread: toThread(thread) }), key: `confirm:${job.id}` }]);
  }

  /** One step of a job, read afresh inside the transaction: its messages are queued together with its progress. */
  const expandStep = db.transaction((id: number, composer: MailComposer, now: number): { queued: number; more: boolean } => {
    const job = freshJob.get(id);
    if (!job) return { queued: 0, more: false };
    const planned = job.kind === 'published' ? published(job, composer) : job.kind === 'held' ? held(job, composer) : confirm(job, composer);
    if (planned.cursor === null) done.run(now, job.id);
    else advance.run(planned.cursor, job.id);
    return { queued: planned.mails.filter(({ mail, key }) => outbox.add(db, mail, key, now)).length, more: planned.cursor !== null };
  });
  const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

  const digestOne = db.transaction((subscription: SubscriptionRow, composer: MailComposer, now: number): number => {
    const rows = digestItems.all(subscription.id);
    clearDigest.run(subscription.id);
    clearDue.run(subscription.id);
    if (subscription.state !== 'active' || !rows.length) return 0;
    const thread = findThread.get(subscription.thread_id)!;
    const mail = composer.digest({
      subscription: toSubscription(subscription),
      thread: toThread(thread),
      comments: rows.map((row) => ({ comment: toComment(row), reply: row.reply === 1 })),
    });
    // Each digest is new (its items are deleted with it): its key is its own Message-ID.
    return outbox.add(db, mail, `digest:${subscription.id}:${mail.messageId}`, now) ? 1 : 0;
  });

  return {
    /**
     * Expands up to `limit` pending jobs into messages; returns how many were queued.
     * A job that cannot be rendered is reported to `onError` and set aside (marked done), so it cannot block the rest.
     */
    async expand(composer, now, limit, onError) {
      let queued = 0;
      for (const job of pending.all(limit)) {
        try {
          for (let step = expandStep(job.id, composer, now); ; step = expandStep(job.id, composer, now)) {
            queued += step.queued;
            if (!step.more) break;
            await breathe();
          }
        } catch (error) {
          onError(toMailJob(job), error);
          done.run(now, job.id);
        }
      }
      return queued;
    },

    /** Renders the daily digests that are due; returns how many were queued. One that cannot be rendered is set aside. */
    async digests(composer, now, limit, onError) {
      let queued = 0;
      for (const subscription of dueDigests.all(now, limit)) {
        try {
          queued += digestOne(subscription, composer, now);
        } catch (error) {
          onError(error);
          clearDue.run(subscription.id);
        }
      }
      return queued;
    },
  };
}
