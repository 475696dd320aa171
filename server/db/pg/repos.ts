import type { RepoOptions, Repos } from '../types.ts';
import type { PgDatabase } from './database.ts';
import { createPgChangeFeed } from './change-feed.ts';
import { createPgCommentsRepo, type PgCommentHooks } from './comments-repo.ts';
import { createPgSitesRepo } from './sites-repo.ts';
import { createPgAuditRepo, type PgAuditWriter } from './audit-repo.ts';
import { createPgModeratorsRepo } from './moderators-repo.ts';
import { createPgModerationRepo } from './moderation-repo.ts';
import { createPgModerationQueue } from './moderation-queue.ts';
import { createPgBansRepo } from './bans-repo.ts';
import { createPgAccountsRepo } from './accounts-repo.ts';
import { createPgAuthFlowsRepo } from './auth-flows-repo.ts';
import { createPgFeedRepo, createPgExportRepo } from './feed-export-repos.ts';
import { createPgImportRepo } from './import-repo.ts';
import { createPgMailRepo } from './mail-repo.ts';
import { createPgThreadMetaRepo } from './thread-meta-repo.ts';
import { createPgSharedCounters } from './shared-counters.ts';
import { createPgMembersRepo } from './members-repo.ts';
import { createPgWebhookOutbox } from './webhook-outbox.ts';
import { createPgPinsRepo } from './pins-repo.ts';
import { createPgEmailSignInsRepo } from './email-sign-ins-repo.ts';

/** The moderation notes and audit row of a new comment, in its transaction (as server/db/comment-notes.ts does on SQLite). */
function pgCommentNotes(audit: PgAuditWriter): Pick<Required<PgCommentHooks>, 'afterPost'> {
  return {
    async afterPost(tx, comment, thread, input) {
      if (input.publishedAt) await tx.query('UPDATE threads SET published_at = $1 WHERE id = $2 AND published_at IS NULL', [input.publishedAt, thread.id]);
      const where = { commentId: comment.id, siteId: thread.siteId, page: thread.page, at: comment.createdAt };
      if (input.moderator) {
        await audit.write(tx, {
          ...where,
          actor: 'moderator',
          moderator: input.moderator,
          action: 'reply',
          after: { status: comment.status, parent: comment.parentId },
        });
      }
      if (comment.status === 'approved' || !input.reason) return;
      await tx.query('INSERT INTO comment_moderation (comment_id, held_reason) VALUES ($1, $2)', [comment.id, input.reason]);
      await audit.write(tx, {
        ...where,
        actor: 'system',
        action: comment.status === 'spam' ? 'spam' : 'hold',
        reason: input.reason,
        after: { status: comment.status },
      });
    },
  };
}

/**
 * Every repository over one PostgreSQL database. The change feed is shared
 * with the other Parley processes on the database (LISTEN/NOTIFY).
 */
export function createPgRepos(db: PgDatabase, url: string, options: RepoOptions & { schema?: string } = {}): Repos {
  const changes = createPgChangeFeed(db, url, { schema: options.schema });
  const audit = createPgAuditRepo(db);
  const mail = createPgMailRepo(db, { enabled: options.mail ?? false });
  const notes = pgCommentNotes(audit);
  const members = createPgMembersRepo(db, changes);
  const webhooks = createPgWebhookOutbox(db);
  return {
    engine: 'postgres',
    changes,
    comments: createPgCommentsRepo(db, changes, {
      async afterPost(tx, comment, thread, input) {
        await notes.afterPost(tx, comment, thread, input);
        await mail.hooks.afterPost(tx, comment, thread, input);
        await members.hooks.afterPost(tx, comment, thread, input);
        await webhooks.hooks.afterPost(tx, comment, thread, input);
      },
      afterCommit: members.hooks.afterCommit,
      afterDelete: webhooks.hooks.afterDelete,
    }),
    sites: createPgSitesRepo(db, audit, changes),
    audit,
    moderators: createPgModeratorsRepo(db, members.hold),
    members: members.repo,
    moderation: createPgModerationRepo(db, changes, audit, {
      async afterStatus(tx, before, status, thread, now) {
        await mail.hooks.afterStatus(tx, before, status, thread, now);
        await webhooks.hooks.afterStatus(tx, before, status, thread, now);
      },
      afterDelete: webhooks.hooks.afterDelete,
      afterReport: webhooks.hooks.afterReport,
    }),
    pins: createPgPinsRepo(db, changes, audit),
    mail,
    queue: createPgModerationQueue(db),
    bans: createPgBansRepo(db, audit),
    accounts: createPgAccountsRepo(db, audit),
    authFlows: createPgAuthFlowsRepo(db),
    emailSignIns: createPgEmailSignInsRepo(db, changes),
    feed: createPgFeedRepo(db),
    imports: createPgImportRepo(db, changes),
    exports: createPgExportRepo(db),
    threadMeta: createPgThreadMetaRepo(db, changes),
    webhooks,
    sharedCounters: createPgSharedCounters(db),
    externalVersion: changes.externalVersion,
    async close() {
      await changes.close();
      await db.close();
    },
  };
}
