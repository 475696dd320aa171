import { afterAll, afterEach, beforeAll } from 'vitest';
import { startSmtpServer, type SmtpServer } from './smtp.ts';
import { createTestApp } from './test-app.ts';
import { createComposer } from '../../server/mail/compose.ts';
import { createMailSender } from '../../server/mail/sender.ts';
import { smtpTransport } from '../../server/mail/transport.ts';

export const BLOG = 'https://blog.example';
export const SERVER = 'https://comments.example';

/**
 * A test app with mail on, sending to `smtpUrl`, and a sender the test drives
 * with `t.send()` (one pass) on the app's movable clock. Links in mails point
 * at SERVER, whose paths the test requests from the app.
 */
export function createMailTestApp(smtpUrl: string, env: Record<string, string> = {}) {
  const t = createTestApp({ SMTP_URL: smtpUrl, MAIL_FROM: 'Blog comments <comments@blog.example>', SITE_ORIGINS: BLOG, PUBLIC_URL: SERVER, ...env });
  const clock = () => t.time.now;
  const mail = t.config.mail!;
  const composer = createComposer({ mail, siteOrigins: t.config.siteOrigins, serverUrl: SERVER, secret: 'test-secret-'.padEnd(48, 'x'), clock });
  const sender = createMailSender({ mail: t.repos.mail, composer, transport: smtpTransport(mail), config: mail, clock, log: () => {} });
  return {
    ...t,
    composer,
    sender,
    /** Runs the sender once: expands jobs, renders due digests, sends what is due. */
    send: () => sender.pass(),
    /** Requests a link from a mail (absolute, on SERVER) from the app. */
    follow: (url: string, init: RequestInit = {}) => t.app.request(url.replace(SERVER, ''), init),
    /** A guest comment posted from the blog's origin. */
    commentFrom: (fields: Record<string, unknown> = {}) => t.comment(fields, { Origin: BLOG }),
  };
}

export type MailTestApp = ReturnType<typeof createMailTestApp>;

/**
 * A test file's mail scene: one real SMTP server for the file, and `app(env)`
 * for a fresh app sending to it. After each test the app's sender stops and
 * the received mails are forgotten.
 */
export function useMailScene() {
  let smtp: SmtpServer | undefined;
  let current: MailTestApp | undefined;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp?.close());
  afterEach(async () => {
    await current?.sender.stop();
    current = undefined;
    if (smtp) smtp.received.length = 0;
  });
  return {
    get smtp(): SmtpServer {
      return smtp!;
    },
    app(env: Record<string, string> = {}): MailTestApp {
      current = createMailTestApp(smtp!.url, env);
      return current;
    },
  };
}
