import type { Migration } from '../migrations.ts';

/**
 * The language of a subscription (issue 11): the language of the page the reader commented on
 * (a widget locale code, e.g. `de`, `pt-BR`), so their mails and the pages behind the mails' links
 * are written in it. Older subscriptions read English.
 */
export const language: Migration = {
  name: 'language',
  up(db) {
    db.exec(`ALTER TABLE mail_subscriptions ADD COLUMN lang TEXT NOT NULL DEFAULT 'en'`);
  },
};
