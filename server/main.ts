import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config.ts';
import { StorageFaultError, openServerDatabase, prepareFolder } from './db/open.ts';
import { diskFullWarning } from './db/storage-faults.ts';
import { DatabaseInUseError, holdServerLock } from './db/server-lock.ts';
import { createRepos } from './db/repos.ts';
import { createApp } from './app.ts';
import { bearerAccounts } from './auth/sessions.ts';
import { startMailSender } from './mail/start.ts';
import type { MailSender } from './mail/sender.ts';

/** Reads the configuration, opens the database, builds the app and listens. Nothing else. */
async function main() {
  const config = loadConfig(process.env);
  prepareFolder(config.databasePath);
  // Held for the life of the process (the operating system lets go of it when the process ends).
  const lock = holdServerLock(config.databasePath);
  const db = openServerDatabase(config.databasePath);
  const full = diskFullWarning(config.databasePath);
  if (full) console.warn(`[parley] warning: ${full}`);
  const repos = createRepos(db, { mail: config.mail !== null });
  const secret = config.secret || (await repos.sites.secret());
  const app = createApp({ config, repos, secret, accountOf: bearerAccounts(repos.accounts, Date.now) });
  let mail: MailSender | null = null;
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`[parley] listening on http://localhost:${info.port}/ (database ${config.databasePath})`);
    mail = startMailSender({ config, repos, secret, fallbackUrl: `http://localhost:${info.port}` });
  });
  const stop = () => server.close(async () => {
    await mail?.stop();
    db.close();
    lock?.release();
    process.exit(0);
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`[parley] configuration error: ${error.message}`);
  else if (error instanceof DatabaseInUseError || error instanceof StorageFaultError) console.error(`[parley] could not start: ${error.message}`);
  else console.error('[parley] could not start:', error);
  process.exit(1);
});
