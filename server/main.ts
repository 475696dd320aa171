import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config.ts';
import { openRepos } from './db/open-repos.ts';
import { DatabaseInUseError } from './db/server-lock.ts';
import { StorageFaultError } from './db/open.ts';
import { createApp } from './app.ts';
import { bearerAccounts } from './auth/sessions.ts';
import type { MailSender } from './mail/sender.ts';
import { providerList } from './auth/auth-config.ts';
import { openOriginsWarning } from './auth/trusted-origins.ts';

/** Reads the configuration, opens the database, builds the app and listens. Nothing else. */
async function main() {
  const config = loadConfig(process.env);
  const warning = openOriginsWarning(config, providerList(config.auth, config.mail !== null).length > 0);
  if (warning) console.error(warning);
  const repos = await openRepos(config, { mail: config.mail !== null });
  const secret = config.secret || (await repos.sites.secret());
  const app = createApp({ config, repos, secret, accountOf: bearerAccounts(repos.accounts, Date.now) });
  // The mail sender (and nodemailer) loads only where mail is configured.
  let mail: Promise<MailSender | null> = Promise.resolve(null);
  // Webhooks record what happens from the first request on; their code loads only where they are configured.
  const fallbackUrl = `http://localhost:${config.port}`;
  const webhooks = config.webhooks ? (await import('./webhooks/start.ts')).startWebhooks({ config, repos, secret, fallbackUrl }) : null;
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`[parley] listening on http://localhost:${info.port}/ (database ${repos.where})`);
    if (config.mail) {
      mail = import('./mail/start.ts').then(({ startMailSender }) => startMailSender({ config, repos, secret, fallbackUrl: `http://localhost:${info.port}` }));
    }
  });
  const stop = () =>
    server.close(async () => {
      await (await mail)?.stop();
      await webhooks?.stop();
      await repos.close();
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
