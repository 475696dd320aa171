import type { PoolClient } from 'pg';
import { coreStep } from './migrations/001-core.ts';
import { accountsStep } from './migrations/002-accounts.ts';
import { moderationStep } from './migrations/003-moderation.ts';
import { importSchemaStep } from './migrations/004-import.ts';
import { mailStep } from './migrations/005-mail.ts';
import { idsNeverReusedStep } from './migrations/006-ids-never-reused.ts';
import { importKeysByBlogStep } from './migrations/007-import-keys-by-blog.ts';
import { memberNamesStep } from './migrations/008-member-names.ts';
import { sharedCountersStep } from './migrations/009-shared-counters.ts';
import { pendingEditsStep } from './migrations/010-pending-edits.ts';
import { moderationUndoStep } from './migrations/011-moderation-undo.ts';
import { threadMetaStep } from './migrations/012-thread-meta.ts';
import { languageStep } from './migrations/013-language.ts';
import { signInLanguageStep } from './migrations/014-sign-in-language.ts';
import { webhooksStep } from './migrations/015-webhooks.ts';
import { pinnedCommentsStep } from './migrations/016-pinned-comments.ts';
import { emailSignInStep } from './migrations/017-email-sign-in.ts';
import { emailSignInSiteStep } from './migrations/018-email-sign-in-site.ts';
import { webhookEventsStep } from './migrations/019-webhook-events.ts';

/**
 * PostgreSQL's schema, as an ordered list mirroring SQLite's steps
 * (server/db/migrations/): the same tables, columns and constraints, so rows
 * read the same from either engine. Times are BIGINT milliseconds, flags
 * INTEGER 0/1 as in SQLite; ids come from identity sequences, which never
 * hand out a number twice. `parley_schema.version` counts the steps run; each
 * step commits with its bump. One file per step in server/db/pg/migrations/,
 * numbered in order. Append only.
 */
export interface PgMigration {
  readonly name: string;
  readonly sql: string;
  /** Fills what SQL alone cannot (values folded in JavaScript), in the step's transaction. */
  readonly fill?: (client: PoolClient) => Promise<void>;
}

export const pgMigrations: readonly PgMigration[] = [
  coreStep,
  accountsStep,
  moderationStep,
  importSchemaStep,
  mailStep,
  idsNeverReusedStep,
  importKeysByBlogStep,
  memberNamesStep,
  sharedCountersStep,
  pendingEditsStep,
  moderationUndoStep,
  threadMetaStep,
  languageStep,
  signInLanguageStep,
  webhooksStep,
  pinnedCommentsStep,
  emailSignInStep,
  emailSignInSiteStep,
  webhookEventsStep,
];

/** Tables in the order a copy fills them (parents before children). */
export const TABLES = [
  'meta',
  'sites',
  'threads',
  'comments',
  'retired_comment_ids',
  'likes',
  // Before accounts: an account may be linked to a moderator (017-email-sign-in.ts).
  'moderators',
  'accounts',
  'sessions',
  'auth_flows',
  'auth_handoffs',
  'email_sign_ins',
  'mastodon_apps',
  'admin_sessions',
  'reports',
  'bans',
  'comment_moderation',
  'audit_log',
  'moderation_undo',
  'moderation_undo_items',
  'imports',
  'import_keys',
  'mail_subscriptions',
  'mail_jobs',
  'mail_outbox',
  'mail_digest_items',
  'member_names',
  'pending_edits',
] as const;

/**
 * Brings the schema up to date. Two servers starting at once take turns
 * (an advisory lock), so each step runs once.
 */
export async function migratePg(client: PoolClient, steps: readonly PgMigration[] = pgMigrations): Promise<number> {
  await client.query('SELECT pg_advisory_lock(7370656)');
  try {
    await client.query('CREATE TABLE IF NOT EXISTS parley_schema (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM parley_schema');
    if (!rows.length) await client.query('INSERT INTO parley_schema (version) VALUES (0)');
    const current = rows[0]?.version ?? 0;
    if (current > steps.length) {
      throw new Error(`[parley] the database is at schema version ${current}, newer than this Parley (${steps.length}); upgrade Parley`);
    }
    for (const [index, step] of steps.slice(current).entries()) {
      await client.query('BEGIN');
      try {
        await client.query(step.sql);
        await step.fill?.(client);
        await client.query('UPDATE parley_schema SET version = $1', [current + index + 1]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return steps.length;
  } finally {
    await client.query('SELECT pg_advisory_unlock(7370656)');
  }
}
