import type Database from 'better-sqlite3';
import { core } from './migrations/001-core.ts';
import { accounts } from './migrations/002-accounts.ts';
import { moderation } from './migrations/003-moderation.ts';
import { importSchema } from './migrations/004-import.ts';
import { mail } from './migrations/005-mail.ts';
import { idsNeverReused } from './migrations/006-ids-never-reused.ts';
import { importKeysByBlog } from './migrations/007-import-keys-by-blog.ts';
import { memberNames } from './migrations/008-member-names.ts';
import { pendingEdits } from './migrations/009-pending-edits.ts';
import { moderationUndo } from './migrations/010-moderation-undo.ts';
import { threadMeta } from './migrations/011-thread-meta.ts';
import { language } from './migrations/012-language.ts';
import { signInLanguage } from './migrations/013-sign-in-language.ts';
import { webhooks } from './migrations/014-webhooks.ts';
import { pinnedComments } from './migrations/015-pinned-comments.ts';
import { emailSignIn } from './migrations/016-email-sign-in.ts';
import { emailSignInSite } from './migrations/017-email-sign-in-site.ts';
import { webhookEvents } from './migrations/018-webhook-events.ts';

export interface Migration {
  readonly name: string;
  /**
   * The step rebuilds tables (see rebuild-table.ts): it runs with foreign keys
   * off, as SQLite's recipe asks, and commits only when every reference still
   * holds (`PRAGMA foreign_key_check`).
   */
  readonly rebuildsTables?: boolean;
  up(db: Database.Database): void;
}

/**
 * The schema, as an ordered list. `PRAGMA user_version` counts the steps that
 * have run; each pending step commits together with its version bump, so a
 * fresh database replays every step and there is one way a schema is built.
 * Append only: never edit or reorder a step that has shipped.
 */
export const migrations: readonly Migration[] = [
  core,
  accounts,
  moderation,
  importSchema,
  mail,
  idsNeverReused,
  importKeysByBlog,
  memberNames,
  pendingEdits,
  moderationUndo,
  threadMeta,
  language,
  signInLanguage,
  webhooks,
  pinnedComments,
  emailSignIn,
  emailSignInSite,
  webhookEvents,
];

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database.Database, steps: readonly Migration[] = migrations): number {
  const current = schemaVersion(db);
  if (current > steps.length) {
    throw new Error(`[parley] the database is at schema version ${current}, newer than this Parley (${steps.length}); upgrade Parley`);
  }
  steps.slice(current).forEach((step, index) => {
    const version = current + index + 1;
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    // Only outside a transaction does this pragma take effect.
    if (step.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        step.up(db);
        if (step.rebuildsTables) assertReferencesHold(db, step);
        db.pragma(`user_version = ${version}`);
      })();
    } finally {
      if (step.rebuildsTables) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    }
  });
  return schemaVersion(db);
}

function assertReferencesHold(db: Database.Database, step: Migration): void {
  const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  if (broken.length > 0) {
    const first = broken[0]!;
    throw new Error(`[parley] migration ${step.name} would break ${broken.length} reference(s), e.g. ${first.table} row ${first.rowid} → ${first.parent}`);
  }
}
