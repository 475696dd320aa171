import type { CommentRow, MailJobRow, SubscriptionRow, ThreadRow } from '../rows.ts';
import type { MailJobs, Moderator } from '../types.ts';
import type { MailComposer, OutgoingMail } from '../../mail/types.ts';
import { DIGEST_PERIOD_MS, FANOUT_CHUNK, sameAddress } from '../mail-jobs.ts';
import { toComment, toMailJob, toSubscription, toThread } from '../map.ts';
import { all, first, run, type PgClient, type PgDatabase } from './database.ts';
import type { PgOutboxWriter } from './mail-outbox.ts';

type Planned = { mails: Array<{ mail: OutgoingMail; key: string }>; cursor: number | null };
const finished = (mails: Planned['mails'] = []): Planned => ({ mails, cursor: null });
const comment = (tx: PgClient, id: number) => first<CommentRow>(tx, 'SELECT * FROM comments WHERE id = $1', [id]);
const thread = async (tx: PgClient, id: number) => (await first<ThreadRow>(tx, 'SELECT * FROM threads WHERE id = $1', [id]))!;

/**
 * Mail jobs on PostgreSQL, as on SQLite (server/db/mail-jobs.ts). Each step
 * locks its job (`FOR UPDATE SKIP LOCKED`): of several servers expanding at
 * once, one takes each job, and every recipient is queued exactly once.
 */
export function createPgMailJobs(db: PgDatabase, outbox: PgOutboxWriter): MailJobs {
  async function published(tx: PgClient, job: MailJobRow, composer: MailComposer): Promise<Planned> {
    const row = await comment(tx, job.comment_id!);
    if (row?.status !== 'approved') return finished();
    const t = await thread(tx, row.thread_id);
    const parent = row.parent_id === null ? undefined : await comment(tx, row.parent_id);
    const chunk = await all<SubscriptionRow>(
      tx,
      "SELECT * FROM mail_subscriptions WHERE thread_id = $1 AND state = 'active' AND id > $2 ORDER BY id LIMIT $3",
      [t.id, job.cursor, FANOUT_CHUNK],
    );
    const planned: Planned = { mails: [], cursor: chunk.length < FANOUT_CHUNK ? null : chunk.at(-1)!.id };
    for (const subscription of chunk) {
      if (sameAddress(row.author_email, subscription.email)) continue;
      const reply = parent !== undefined && sameAddress(parent.author_email, subscription.email);
      if (subscription.digest === 'daily') {
        await run(tx, 'INSERT INTO mail_digest_items (subscription_id, comment_id, reply, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
          subscription.id,
          row.id,
          reply ? 1 : 0,
          job.created_at,
        ]);
        await run(tx, 'UPDATE mail_subscriptions SET digest_due_at = coalesce(digest_due_at, $1) WHERE id = $2', [
          job.created_at + DIGEST_PERIOD_MS,
          subscription.id,
        ]);
        continue;
      }
      planned.mails.push({
        mail: composer.published({ comment: toComment(row), thread: toThread(t), subscription: toSubscription(subscription), reply }),
        key: `published:${row.id}:${subscription.id}`,
      });
    }
    return planned;
  }

  async function held(tx: PgClient, job: MailJobRow, composer: MailComposer): Promise<Planned> {
    const row = await comment(tx, job.comment_id!);
    if (row?.status !== 'pending') return finished();
    const t = await thread(tx, row.thread_id);
    const reason = (await first<{ held_reason: string }>(tx, 'SELECT held_reason FROM comment_moderation WHERE comment_id = $1', [row.id]))?.held_reason ?? '';
    const moderators = await all<Moderator>(tx, 'SELECT id, email, name FROM moderators ORDER BY id');
    return finished(
      moderators.map((moderator) => ({
        mail: composer.held({ comment: toComment(row), thread: toThread(t), moderator, origin: job.origin, reason }),
        key: `held:${row.id}:${moderator.id}`,
      })),
    );
  }

  async function confirm(tx: PgClient, job: MailJobRow, composer: MailComposer): Promise<Planned> {
    const subscription = await first<SubscriptionRow>(tx, 'SELECT * FROM mail_subscriptions WHERE id = $1', [job.subscription_id]);
    if (subscription?.state !== 'pending') return finished();
    const t = await thread(tx, subscription.thread_id);
    return finished([{ mail: composer.confirm({ subscription: toSubscription(subscription), thread: toThread(t) }), key: `confirm:${job.id}` }]);
  }

  const expandStep = (id: number, composer: MailComposer, now: number) =>
    db.transaction(async (tx) => {
      const job = await first<MailJobRow>(tx, 'SELECT * FROM mail_jobs WHERE id = $1 AND done_at IS NULL FOR UPDATE SKIP LOCKED', [id]);
      if (!job) return { queued: 0, more: false };
      const planned =
        job.kind === 'published' ? await published(tx, job, composer) : job.kind === 'held' ? await held(tx, job, composer) : await confirm(tx, job, composer);
      if (planned.cursor === null) await run(tx, 'UPDATE mail_jobs SET done_at = $1 WHERE id = $2 AND done_at IS NULL', [now, job.id]);
      else await run(tx, 'UPDATE mail_jobs SET cursor = $1 WHERE id = $2', [planned.cursor, job.id]);
      let queued = 0;
      for (const { mail, key } of planned.mails) if (await outbox.add(tx, mail, key, now)) queued++;
      return { queued, more: planned.cursor !== null };
    });

  const digestOne = (id: number, composer: MailComposer, now: number) =>
    db.transaction(async (tx) => {
      const subscription = await first<SubscriptionRow>(tx, 'SELECT * FROM mail_subscriptions WHERE id = $1 AND digest_due_at <= $2 FOR UPDATE SKIP LOCKED', [
        id,
        now,
      ]);
      if (!subscription) return 0;
      const rows = await all<CommentRow & { reply: number }>(
        tx,
        `SELECT c.*, i.reply FROM mail_digest_items i
      JOIN comments c ON c.id = i.comment_id WHERE i.subscription_id = $1 AND c.status = 'approved' ORDER BY c.created_at, c.id`,
        [id],
      );
      await run(tx, 'DELETE FROM mail_digest_items WHERE subscription_id = $1', [id]);
      await run(tx, 'UPDATE mail_subscriptions SET digest_due_at = NULL WHERE id = $1', [id]);
      if (subscription.state !== 'active' || !rows.length) return 0;
      const t = await thread(tx, subscription.thread_id);
      const mail = composer.digest({
        subscription: toSubscription(subscription),
        thread: toThread(t),
        comments: rows.map((row) => ({ comment: toComment(row), reply: row.reply === 1 })),
      });
      return (await outbox.add(tx, mail, `digest:${subscription.id}:${mail.messageId}`, now)) ? 1 : 0;
    });
  const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

  return {
    async expand(composer, now, limit, onError) {
      let queued = 0;
      for (const job of await db.rows<MailJobRow>('SELECT * FROM mail_jobs WHERE done_at IS NULL ORDER BY id LIMIT $1', [limit])) {
        try {
          for (let step = await expandStep(job.id, composer, now); ; step = await expandStep(job.id, composer, now)) {
            queued += step.queued;
            if (!step.more) break;
            await breathe();
          }
        } catch (error) {
          onError(toMailJob(job), error);
          await db.query('UPDATE mail_jobs SET done_at = $1 WHERE id = $2 AND done_at IS NULL', [now, job.id]);
        }
      }
      return queued;
    },

    async digests(composer, now, limit, onError) {
      let queued = 0;
      for (const { id } of await db.rows<{ id: number }>('SELECT id FROM mail_subscriptions WHERE digest_due_at <= $1 ORDER BY digest_due_at LIMIT $2', [
        now,
        limit,
      ])) {
        try {
          queued += await digestOne(id, composer, now);
        } catch (error) {
          onError(error);
          await db.query('UPDATE mail_subscriptions SET digest_due_at = NULL WHERE id = $1', [id]);
        }
      }
      return queued;
    },
  };
}
