import type { PgMigration } from '../migrations.ts';

const sql = `ALTER TABLE email_sign_ins ADD COLUMN site_id TEXT NOT NULL DEFAULT ''`;

/** The site a sign-in link by email was asked for: only its guest comments are claimed (see SQLite's 017-email-sign-in-site.ts). */
export const emailSignInSiteStep: PgMigration = { name: 'email-sign-in-site', sql };
