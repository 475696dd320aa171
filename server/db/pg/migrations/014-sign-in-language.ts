import type { PgMigration } from '../migrations.ts';

const sql = `ALTER TABLE auth_flows ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';`;

/** A sign-in's language, for the popup's pages (see SQLite's 013-sign-in-language.ts). */
export const signInLanguageStep: PgMigration = { name: 'sign-in-language', sql };
