import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { createRepos } from './db/repos.ts';
import { createApp } from './app.ts';
import { bearerAccounts } from './auth/sessions.ts';

/** Reads the configuration, opens the database, builds the app and listens. Nothing else. */
async function main() {
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  const repos = createRepos(db);
  const secret = config.secret || (await repos.sites.secret());
  const app = createApp({ config, repos, secret, accountOf: bearerAccounts(repos.accounts, Date.now) });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`[parley] listening on http://localhost:${info.port}/ (database ${config.databasePath})`);
  });
  const stop = () => server.close(() => {
    db.close();
    process.exit(0);
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`[parley] configuration error: ${error.message}`);
  else console.error('[parley] could not start:', error);
  process.exit(1);
});
