import type { Db } from './open.ts';
import type { CommentHooks } from './comments-repo.ts';
import type { ModerationHooks } from './moderation-repo.ts';
import type { SubscriptionRow, ThreadRow } from './rows.ts';
import type { Comment, MailRepo, Thread } from './types.ts';
import { maybe, toSubscription, toThread } from './map.ts';
import { createMailOutbox } from './mail-outbox.ts';
import { createMailJobs } from './mail-jobs.ts';

export interface MailRepoOptions {
  /** SMTP is configured: record subscriptions and mail jobs. Off, nothing mail-related is written. */
  enabled: boolean;
  log?: (message: string, error?: unknown) => void;
}

/** The hooks mail adds to new comments and status changes. */
type MailHooks = Pick<Required<CommentHooks>, 'afterPost'> & Pick<Required<ModerationHooks>, 'afterStatus'>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Unconfirmed subscription requests one address may receive a day, across all threads. */
export const MAX_REQUESTS_PER_DAY = 5;

/**
 * Mail: readers' subscriptions, the jobs that comments and moderators' actions
 * cause, and the outbox. The hooks run inside the comment's (or the action's)
 * own transaction, in a savepoint: the mail job commits with the comment, and
 * a failure in mail code is logged and rolled back alone, never failing the comment.
 */
export function createMailRepo(db: Db, options: MailRepoOptions): MailRepo & { hooks: MailHooks } {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[parley] ${message}`, error ?? ''));
  const outbox = createMailOutbox(db);
  const jobs = createMailJobs(db, outbox);
  const addJob = db.prepare(`INSERT OR IGNORE INTO mail_jobs (kind, comment_id, subscription_id, origin, created_at)
    VALUES (@kind, @comment, @subscription, @origin, @now)`);
  const findByAddress = db.prepare<[number, string], SubscriptionRow>('SELECT * FROM mail_subscriptions WHERE thread_id = ? AND email = ?');
  const findById = db.prepare<[number], SubscriptionRow>('SELECT * FROM mail_subscriptions WHERE id = ?');
  const threadById = db.prepare<[number], ThreadRow>('SELECT * FROM threads WHERE id = ?');
  const requestsToday = db.prepare<[string, number], { n: number }>(
    "SELECT count(*) AS n FROM mail_subscriptions WHERE email = ? AND state = 'pending' AND requested_at > ?",
  );
  const request = db.prepare<Record<string, unknown>, SubscriptionRow>(`INSERT INTO mail_subscriptions
    (thread_id, email, name, origin, state, comment_id, requested_at, lang) VALUES (@thread, @email, @name, @origin, 'pending', @comment, @now, @lang)
    ON CONFLICT (thread_id, email) DO UPDATE SET state = 'pending', name = excluded.name, origin = excluded.origin, lang = excluded.lang,
      comment_id = excluded.comment_id, requested_at = excluded.requested_at, confirm_sent_at = NULL, confirmed_at = NULL, digest_due_at = NULL
    RETURNING *`);
  const confirmSent = db.prepare('UPDATE mail_subscriptions SET confirm_sent_at = ? WHERE id = ?');
  const awaitingConfirmation = db.prepare<[number], SubscriptionRow>(
    "SELECT * FROM mail_subscriptions WHERE comment_id = ? AND state = 'pending' AND confirm_sent_at IS NULL",
  );
  const activate = db.prepare<Record<string, unknown>, SubscriptionRow>(`UPDATE mail_subscriptions
    SET state = 'active', digest = @digest, confirmed_at = coalesce(confirmed_at, @now) WHERE id = @id AND state IN ('pending', 'active') RETURNING *`);
  const setDigest = db.prepare<Record<string, unknown>, SubscriptionRow>(`UPDATE mail_subscriptions SET digest = @digest,
    digest_due_at = CASE WHEN @digest = 'immediate' AND digest_due_at IS NOT NULL THEN @now ELSE digest_due_at END
    WHERE id = @id AND state = 'active' RETURNING *`);
  const stop = db.prepare("UPDATE mail_subscriptions SET state = 'unsubscribed', digest_due_at = NULL WHERE id = ? AND state != 'unsubscribed'");
  const dropDigest = db.prepare('DELETE FROM mail_digest_items WHERE subscription_id = ?');

  const job = (kind: 'published' | 'held' | 'confirm', now: number, refs: { comment?: number; subscription?: number; origin?: string }) =>
    addJob.run({ kind, now, comment: refs.comment ?? null, subscription: refs.subscription ?? null, origin: refs.origin ?? '' });

  const sendConfirmation = (subscription: SubscriptionRow, now: number) => {
    job('confirm', now, { subscription: subscription.id });
    confirmSent.run(now, subscription.id);
  };

  /**
   * A reader asked to be notified. Nothing is mailed until they confirm; the
   * confirmation itself goes out only once their comment is published (a held
   * or spam comment cannot make Parley mail an address), at most once a day per
   * thread, and to at most MAX_REQUESTS_PER_DAY threads a day per address.
   */
  function requestSubscription(comment: Comment, thread: Thread, origin: string, now: number, lang: string) {
    const email = comment.authorEmail;
    if (!email) return;
    const existing = findByAddress.get(thread.id, email);
    if (existing?.state === 'active') return;
    if (existing?.state === 'pending' && existing.requested_at > now - DAY_MS) {
      if (comment.status === 'approved' && existing.confirm_sent_at === null) sendConfirmation(existing, now);
      return;
    }
    if (requestsToday.get(email, now - DAY_MS)!.n >= MAX_REQUESTS_PER_DAY) return;
    const subscription = request.get({ thread: thread.id, email, name: comment.authorName, origin, comment: comment.id, now, lang })!;
    if (comment.status === 'approved') sendConfirmation(subscription, now);
  }

  /** Runs mail work in a savepoint of the caller's transaction; a failure is logged and undone alone. */
  const savepoint = db.transaction((work: () => void) => work());
  const guarded = (what: string, work: () => void) => {
    if (!options.enabled) return;
    try {
      savepoint(work);
    } catch (error) {
      log(`mail: could not record the mail for ${what}; the comment itself is saved`, error);
    }
  };

  const hooks: MailHooks = {
    afterPost(_tx, comment, thread, input) {
      guarded(`comment ${comment.id}`, () => {
        const origin = input.origin ?? '';
        if (input.notify) requestSubscription(comment, thread, origin, comment.createdAt, input.lang ?? 'en');
        if (comment.status === 'approved') job('published', comment.createdAt, { comment: comment.id, origin });
        else if (comment.status === 'pending') job('held', comment.createdAt, { comment: comment.id, origin });
      });
    },
    afterStatus(_tx, before, status, _thread, now) {
      if (status !== 'approved') return;
      guarded(`comment ${before.id}`, () => {
        job('published', now, { comment: before.id });
        for (const subscription of awaitingConfirmation.all(before.id)) sendConfirmation(subscription, now);
      });
    },
  };

  const unsubscribe = db.transaction((id: number) => {
    const changed = stop.run(id).changes > 0;
    dropDigest.run(id);
    return changed;
  });

  return {
    enabled: options.enabled,
    hooks,
    outbox,
    jobs,

    /** A subscription and its thread, for a signed link's page. */
    async subscription(id) {
      const subscription = findById.get(id);
      return subscription && { subscription: toSubscription(subscription), thread: toThread(threadById.get(subscription.thread_id)!) };
    },

    /** Starts (or re-confirms) a subscription with the reader's digest choice; undefined when it was ended. */
    async confirm(id, digest, now) {
      return maybe(toSubscription)(activate.get({ id, digest, now }));
    },

    /** Switches an active subscription between immediate mails and the daily digest; a pending digest goes out at once. */
    async setDigest(id, digest, now) {
      return maybe(toSubscription)(setDigest.get({ id, digest, now }));
    },

    /** Ends a subscription and drops its undelivered digest; false when it had already ended. */
    async unsubscribe(id) {
      return unsubscribe(id);
    },
  };
}
