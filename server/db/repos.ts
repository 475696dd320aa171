import type { Db } from './open.ts';
import { createChangeFeed } from './changes.ts';
import { createCommentsRepo } from './comments-repo.ts';
import { createSitesRepo } from './sites-repo.ts';
import { createAuditRepo } from './audit-repo.ts';
import { commentNotes } from './comment-notes.ts';
import { createModeratorsRepo } from './moderators-repo.ts';
import { createModerationRepo } from './moderation-repo.ts';
import { createModerationQueue } from './moderation-queue.ts';
import { createBansRepo } from './bans-repo.ts';
import { createAccountsRepo } from './accounts-repo.ts';
import { createAuthFlowsRepo } from './auth-flows-repo.ts';
import { createFeedRepo } from './feed-repo.ts';
import { createImportRepo } from './import-repo.ts';
import { createExportRepo } from './export-repo.ts';
import { createMailRepo } from './mail-repo.ts';
import { createThreadMetaRepo } from './thread-meta-repo.ts';
import { createMembersRepo } from './members-repo.ts';
import { createWebhookOutbox } from './webhook-outbox.ts';
import { createPinsRepo } from './pins-repo.ts';
import { createEmailSignInsRepo } from './email-sign-ins-repo.ts';

import type { RepoOptions, Repos } from './types.ts';

/** How stale another connection's commit may be for this process's caches. */
export const EXTERNAL_VERSION_MS = 50;

export type { RepoOptions, Repos } from './types.ts';

/** Every repository over one SQLite database, and the in-process feed of what they change. */
export function createRepos(db: Db, options: RepoOptions = {}): Repos {
  const changes = createChangeFeed();
  const externalVersion = watchExternalVersion(db);
  const audit = createAuditRepo(db);
  const mail = createMailRepo(db, { enabled: options.mail ?? false });
  const notes = commentNotes(db, audit);
  const members = createMembersRepo(db, changes);
  const webhooks = createWebhookOutbox(db);
  return {
    engine: 'sqlite',
    changes,
    comments: createCommentsRepo(db, changes, {
      afterPost(tx, comment, thread, input) {
        notes.afterPost?.(tx, comment, thread, input);
        mail.hooks.afterPost(tx, comment, thread, input);
        members.hooks.afterPost(tx, comment, thread, input);
        webhooks.hooks.afterPost(tx, comment, thread, input);
      },
      afterDelete: webhooks.hooks.afterDelete,
    }),
    sites: createSitesRepo(db, audit, changes, externalVersion),
    audit,
    moderators: createModeratorsRepo(db, members.hold),
    members: members.repo,
    moderation: createModerationRepo(db, changes, audit, {
      afterStatus(tx, before, status, thread, now) {
        mail.hooks.afterStatus(tx, before, status, thread, now);
        webhooks.hooks.afterStatus(tx, before, status, thread, now);
      },
      afterDelete: webhooks.hooks.afterDelete,
      afterReport: webhooks.hooks.afterReport,
    }),
    pins: createPinsRepo(db, changes, audit),
    mail,
    queue: createModerationQueue(db),
    bans: createBansRepo(db, audit, externalVersion),
    accounts: createAccountsRepo(db, audit),
    authFlows: createAuthFlowsRepo(db),
    emailSignIns: createEmailSignInsRepo(db, changes),
    feed: createFeedRepo(db),
    imports: createImportRepo(db, changes),
    exports: createExportRepo(db),
    threadMeta: createThreadMetaRepo(db, changes),
    webhooks,
    sharedCounters: null,
    /**
     * Changes when another connection (an import, a second process) commits: caches must then forget.
     * Asked of SQLite at most every 50 ms (asking on every cached read cost a sixth of the read path's CPU):
     * another connection's write shows within 50 ms; this process's own writes forget their threads at once.
     */
    externalVersion,
    async close() {
      db.close();
    },
  };
}

/**
 * A number that changes when another connection (an import, a second process) commits: caches must then forget.
 * Asked of SQLite at most every 50 ms (asking on every cached read cost a sixth of the read path's CPU):
 * another connection's write shows within 50 ms; this process's own writes forget what they change at once.
 */
function watchExternalVersion(db: Db): () => number {
  const stmt = db.prepare('PRAGMA data_version').pluck();
  let version = stmt.get() as number;
  let askedAt = performance.now();
  return () => {
    const now = performance.now();
    if (now - askedAt >= EXTERNAL_VERSION_MS) {
      version = stmt.get() as number;
      askedAt = now;
    }
    return version;
  };
}
