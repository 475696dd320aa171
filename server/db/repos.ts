import type { Db } from './open.ts';
import { createChangeFeed } from './changes.ts';
import { createCommentsRepo } from './comments-repo.ts';
import { createSitesRepo } from './sites-repo.ts';
import { createAccountsRepo } from './accounts-repo.ts';
import { createAuthFlowsRepo } from './auth-flows-repo.ts';
import { createFeedRepo } from './feed-repo.ts';
import { createImportRepo } from './import-repo.ts';
import { createExportRepo } from './export-repo.ts';

/** Every repository over one database, and the feed of what they change. */
export function createRepos(db: Db) {
  const changes = createChangeFeed();
  return {
    changes,
    comments: createCommentsRepo(db, changes),
    sites: createSitesRepo(db),
    accounts: createAccountsRepo(db),
    authFlows: createAuthFlowsRepo(db),
    feed: createFeedRepo(db),
    imports: createImportRepo(db, changes),
    exports: createExportRepo(db),
    /** Changes when another connection (an import, a second process) commits: caches must then forget. */
    externalVersion: (() => {
      const stmt = db.prepare('PRAGMA data_version').pluck();
      return (): number => stmt.get() as number;
    })(),
  };
}

export type Repos = ReturnType<typeof createRepos>;
