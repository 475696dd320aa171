import type { PgMigration } from '../migrations.ts';

const sql = `ALTER TABLE mail_subscriptions ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';`;

/** A subscription's language, for its mails and pages (see SQLite's 012-language.ts). */
export const languageStep: PgMigration = { name: 'language', sql };
