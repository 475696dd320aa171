import type { Config } from '../config.ts';
import type { Repos } from '../db/types.ts';
import { createComposer } from './compose.ts';
import { createMailSender, type MailSender } from './sender.ts';
import { smtpTransport } from './transport.ts';

/**
 * Starts the background mail sender when SMTP_URL is set (main.ts calls this
 * once the server listens; createApp never does, so tests drive the sender
 * themselves). Links in mails point at PUBLIC_URL, or at `fallbackUrl` (the
 * address the server listens on) for a local trial.
 */
export function startMailSender(options: { config: Config; repos: Repos; secret: string; fallbackUrl: string }): MailSender | null {
  const { config, repos, secret } = options;
  if (!config.mail) return null;
  if (!config.publicUrl) {
    console.error(
      `[parley] SMTP_URL is set but PUBLIC_URL is not: links in mails point to ${options.fallbackUrl}; set PUBLIC_URL to this server's public address`,
    );
  }
  const composer = createComposer({
    mail: config.mail,
    siteOrigins: config.siteOrigins,
    serverUrl: config.publicUrl || options.fallbackUrl,
    secret,
    clock: Date.now,
  });
  const sender = createMailSender({
    mail: repos.mail,
    composer,
    transport: smtpTransport(config.mail),
    config: config.mail,
    clock: Date.now,
    changes: repos.changes,
  });
  sender.start();
  return sender;
}
