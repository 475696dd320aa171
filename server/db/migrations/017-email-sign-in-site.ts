import type { Migration } from '../migrations.ts';

/**
 * The site a sign-in link by email was asked for (issue 13, item 5): redeeming it claims the
 * address's guest comments on that site only. Links asked before this step (at most 15 minutes
 * old) have no site ('') and claim nothing; the reader's next sign-in claims them.
 */
export const emailSignInSite: Migration = {
  name: 'email-sign-in-site',
  up(db) {
    db.exec(`ALTER TABLE email_sign_ins ADD COLUMN site_id TEXT NOT NULL DEFAULT ''`);
  },
};
