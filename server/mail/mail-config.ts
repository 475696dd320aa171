/**
 * Email settings from the environment: `SMTP_URL` (smtp:// or smtps://, with
 * user:pass in the URL) and `MAIL_FROM`, plus the sender's retry knobs.
 * Neither set: no mail at all (null). One without the other is an error.
 */
import { z } from 'zod';
import { ConfigError } from '../config.ts';

export interface MailAddress {
  readonly name: string;
  readonly address: string;
}

export interface MailConfig {
  readonly smtp: {
    readonly host: string;
    readonly port: number;
    /** true for smtps:// (TLS from the first byte); smtp:// upgrades with STARTTLS when the server offers it. */
    readonly secure: boolean;
    readonly auth?: { readonly user: string; readonly pass: string };
  };
  readonly from: MailAddress;
  /** First retry delay; each later one doubles, up to MAX_RETRY_DELAY_MS. */
  readonly retryMs: number;
  /** Attempts before a message is marked failed. */
  readonly maxAttempts: number;
  /** How long a claimed message is reserved for its sender before another may send it again. */
  readonly leaseMs: number;
}

type Env = Record<string, string | undefined>;

const email = z.email().max(254);

function smtpUrl(raw: string): MailConfig['smtp'] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL', 'must be a URL such as smtp://user:pass@mail.example.com:587 or smtps://…:465');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError('SMTP_URL', `must start with smtp:// or smtps://, got "${url.protocol}//"`);
  }
  if (!url.hostname) throw new ConfigError('SMTP_URL', 'must name the mail server, e.g. smtp://mail.example.com:587');
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  let user: string;
  let pass: string;
  try {
    user = decodeURIComponent(url.username);
    pass = decodeURIComponent(url.password);
  } catch {
    throw new ConfigError('SMTP_URL', 'has a user name or password that is not valid percent-encoding');
  }
  if (pass && !user) throw new ConfigError('SMTP_URL', 'has a password but no user name');
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port, secure, ...(user ? { auth: { user, pass } } : {}) };
}

/** `Name <address>`, `"Name" <address>` or a bare address. */
export function parseMailFrom(raw: string): MailAddress {
  const match = /^\s*(?:"([^"]*)"|([^<>"]*?))\s*<([^<>\s]+)>\s*$/.exec(raw);
  const name = (match ? (match[1] ?? match[2] ?? '') : '').trim();
  const address = (match ? match[3]! : raw).trim().toLowerCase();
  if (/[\r\n\u0000-\u001f\u007f]/.test(raw)) throw new ConfigError('MAIL_FROM', 'must not contain line breaks or control characters');
  if (!email.safeParse(address).success) {
    throw new ConfigError('MAIL_FROM', `must be an address such as "Blog comments <comments@example.com>", got "${raw}"`);
  }
  return { name, address };
}

function seconds(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback * 1000;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number of seconds, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value * 1000;
}

export function loadMailConfig(env: Env): MailConfig | null {
  const url = env.SMTP_URL?.trim() ?? '';
  const from = env.MAIL_FROM?.trim() ?? '';
  if (!url && !from) return null;
  if (!url) throw new ConfigError('SMTP_URL', 'must be set when MAIL_FROM is (or unset MAIL_FROM to send no mail)');
  if (!from) throw new ConfigError('MAIL_FROM', 'must be set when SMTP_URL is, e.g. "Blog comments <comments@example.com>"');
  const attempts = env.MAIL_MAX_ATTEMPTS?.trim();
  if (attempts && (!/^\d+$/.test(attempts) || Number(attempts) < 1 || Number(attempts) > 100)) {
    throw new ConfigError('MAIL_MAX_ATTEMPTS', `must be a whole number between 1 and 100, got "${attempts}"`);
  }
  return Object.freeze({
    smtp: Object.freeze(smtpUrl(url)),
    from: Object.freeze(parseMailFrom(from)),
    retryMs: seconds(env, 'MAIL_RETRY_SECONDS', 60, 1, 86_400),
    maxAttempts: attempts ? Number(attempts) : 10,
    leaseMs: seconds(env, 'MAIL_LEASE_SECONDS', 300, 2, 86_400),
  });
}
