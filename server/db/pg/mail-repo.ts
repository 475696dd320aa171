import type { SubscriptionRow, ThreadRow } from '../rows.ts';
import type { Comment, MailRepo, Thread } from '../types.ts';
import { MAX_REQUESTS_PER_DAY, type MailRepoOptions } from '../mail-repo.ts';
import { maybe, toSubscription, toThread } from '../map.ts';
import { first, run, type PgClient, type PgDatabase } from './database.ts';
import { createPgMailOutbox } from './mail-outbox.ts';
import { createPgMailJobs } from './mail-jobs.ts';
import type { PgCommentHooks } from './comments-repo.ts';
import type { PgModerationHooks } from './moderation-repo.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Mail on PostgreSQL, as on SQLite (server/db/mail-repo.ts): the hooks run in
 * the comment's (or the action's) transaction, inside a savepoint, so a
 * failure in mail code is rolled back alone and never fails the comment.
 */
export function createPgMailRepo(
  db: PgDatabase,
  options: MailRepoOptions,
): MailRepo & { hooks: Pick<Required<PgCommentHooks>, 'afterPost'> & Pick<Required<PgModerationHooks>, 'afterStatus'> } {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[parley] ${message}`, error ?? ''));
  const outbox = createPgMailOutbox(db);
  const jobs = createPgMailJobs(db, outbox);

  const job = (tx: PgClient, kind: 'published' | 'held' | 'confirm', now: number, refs: { comment?: number; subscription?: number; origin?: string }) =>
    run(tx, `INSERT INTO mail_jobs (kind, comment_id, subscription_id, origin, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [
      kind,
      refs.comment ?? null,
      refs.subscription ?? null,
      refs.origin ?? '',
      now,
    ]);

  const sendConfirmation = async (tx: PgClient, subscription: SubscriptionRow, now: number) => {
    await job(tx, 'confirm', now, { subscription: subscription.id });
    await run(tx, 'UPDATE mail_subscriptions SET confirm_sent_at = $1 WHERE id = $2', [now, subscription.id]);
  };

  async function requestSubscription(tx: PgClient, comment: Comment, thread: Thread, origin: string, now: number, lang: string) {
    const email = comment.authorEmail;
    if (!email) return;
    const existing = await first<SubscriptionRow>(tx, 'SELECT * FROM mail_subscriptions WHERE thread_id = $1 AND email = $2', [thread.id, email]);
    if (existing?.state === 'active') return;
    if (existing?.state === 'pending' && existing.requested_at > now - DAY_MS) {
      if (comment.status === 'approved' && existing.confirm_sent_at === null) await sendConfirmation(tx, existing, now);
      return;
    }
    const today = await first<{ n: number }>(tx, "SELECT count(*) AS n FROM mail_subscriptions WHERE email = $1 AND state = 'pending' AND requested_at > $2", [
      email,
      now - DAY_MS,
    ]);
    if (today!.n >= MAX_REQUESTS_PER_DAY) return;
    const subscription = (await first<SubscriptionRow>(
      tx,
      `INSERT INTO mail_subscriptions
      (thread_id, email, name, origin, state, comment_id, requested_at, lang) VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7)
      ON CONFLICT (thread_id, email) DO UPDATE SET state = 'pending', name = excluded.name, origin = excluded.origin, lang = excluded.lang,
        comment_id = excluded.comment_id, requested_at = excluded.requested_at, confirm_sent_at = NULL, confirmed_at = NULL, digest_due_at = NULL
      RETURNING *`,
      [thread.id, email, comment.authorName, origin, comment.id, now, lang],
    ))!;
    if (comment.status === 'approved') await sendConfirmation(tx, subscription, now);
  }

  /** Runs mail work in a savepoint of the caller's transaction; a failure is logged and undone alone. */
  const guarded = async (tx: PgClient, what: string, work: () => Promise<void>) => {
    if (!options.enabled) return;
    await tx.query('SAVEPOINT parley_mail');
    try {
      await work();
      await tx.query('RELEASE SAVEPOINT parley_mail');
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT parley_mail');
      log(`mail: could not record the mail for ${what}; the comment itself is saved`, error);
    }
  };

  return {
    enabled: options.enabled,
    outbox,
    jobs,
    hooks: {
      async afterPost(tx, comment, thread, input) {
        await guarded(tx, `comment ${comment.id}`, async () => {
          const origin = input.origin ?? '';
          if (input.notify) await requestSubscription(tx, comment, thread, origin, comment.createdAt, input.lang ?? 'en');
          if (comment.status === 'approved') await job(tx, 'published', comment.createdAt, { comment: comment.id, origin });
          else if (comment.status === 'pending') await job(tx, 'held', comment.createdAt, { comment: comment.id, origin });
        });
      },
      async afterStatus(tx, before, status, _thread, now) {
        if (status !== 'approved') return;
        await guarded(tx, `comment ${before.id}`, async () => {
          await job(tx, 'published', now, { comment: before.id });
          const waiting = await tx.query<SubscriptionRow>(
            "SELECT * FROM mail_subscriptions WHERE comment_id = $1 AND state = 'pending' AND confirm_sent_at IS NULL",
            [before.id],
          );
          for (const subscription of waiting.rows) await sendConfirmation(tx, subscription, now);
        });
      },
    },

    async subscription(id) {
      const subscription = await db.one<SubscriptionRow>('SELECT * FROM mail_subscriptions WHERE id = $1', [id]);
      return (
        subscription && {
          subscription: toSubscription(subscription),
          thread: toThread((await db.one<ThreadRow>('SELECT * FROM threads WHERE id = $1', [subscription.thread_id]))!),
        }
      );
    },
    async confirm(id, digest, now) {
      return maybe(toSubscription)(
        await db.one<SubscriptionRow>(
          `UPDATE mail_subscriptions
        SET state = 'active', digest = $2, confirmed_at = coalesce(confirmed_at, $3) WHERE id = $1 AND state IN ('pending', 'active') RETURNING *`,
          [id, digest, now],
        ),
      );
    },
    async setDigest(id, digest, now) {
      return maybe(toSubscription)(
        await db.one<SubscriptionRow>(
          `UPDATE mail_subscriptions SET digest = $2,
        digest_due_at = CASE WHEN $2 = 'immediate' AND digest_due_at IS NOT NULL THEN $3 ELSE digest_due_at END
        WHERE id = $1 AND state = 'active' RETURNING *`,
          [id, digest, now],
        ),
      );
    },
    async unsubscribe(id) {
      return db.transaction(async (tx) => {
        const changed = await run(tx, "UPDATE mail_subscriptions SET state = 'unsubscribed', digest_due_at = NULL WHERE id = $1 AND state != 'unsubscribed'", [
          id,
        ]);
        await run(tx, 'DELETE FROM mail_digest_items WHERE subscription_id = $1', [id]);
        return changed > 0;
      });
    },
  };
}
