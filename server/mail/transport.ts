import { createTransport } from 'nodemailer';
import type { MailConfig } from './mail-config.ts';
import type { ClaimedMail } from '../db/types.ts';

/** Hands one message to the mail server; rejects when it was not accepted. */
export interface MailTransport {
  send(mail: ClaimedMail): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer: one pooled connection (messages go one at a time),
 * timeouts well inside the lease so a hung server cannot outlast it, and no
 * file or URL access from message content. The Message-ID and Date are the
 * outbox row's, so a resend after a crash is the same message.
 */
export function smtpTransport(config: MailConfig): MailTransport {
  const timeout = Math.max(2_000, Math.min(30_000, Math.floor(config.leaseMs / 4)));
  const transporter = createTransport({
    pool: true,
    maxConnections: 1,
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.secure,
    ...(config.smtp.auth ? { auth: { user: config.smtp.auth.user, pass: config.smtp.auth.pass } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail) {
      await transporter.sendMail({
        from: { name: config.from.name, address: config.from.address },
        to: { name: mail.to.name, address: mail.to.address },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        date: new Date(mail.createdAt),
        headers: mail.headers,
      });
    },
    close: () => transporter.close(),
  };
}

/** The mail server refused the message for good (a 5xx reply): retrying would get the same answer. */
export function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { permanent?: boolean }).permanent === true;
}

/** The mail server answered at all (as opposed to a connection that failed or timed out). */
export function hasReply(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { responseCode?: unknown }).responseCode === 'number';
}

/** An error's message without email addresses, for the log and the admin view. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<address>').slice(0, 500);
}
