import type { Migration } from '../migrations.ts';

/**
 * The language of a sign-in (issue 11): the widget's language when the reader clicked a provider's
 * icon, so the popup's pages after the provider (signed in, sign-in failed) are written in it.
 * Flows started before read English.
 */
export const signInLanguage: Migration = {
  name: 'sign-in-language',
  up(db) {
    db.exec(`ALTER TABLE auth_flows ADD COLUMN lang TEXT NOT NULL DEFAULT 'en'`);
  },
};
