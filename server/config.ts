/**
 * Environment → frozen, validated configuration.
 * Every variable has a default that lets `npm start` run with nothing set;
 * an invalid value throws a ConfigError naming the variable.
 */
import { loadAuthConfig, type AuthConfig } from './auth/auth-config.ts';
import { loadMailConfig, type MailConfig } from './mail/mail-config.ts';
import { loadWebhookConfig, type WebhookConfig } from './webhooks/webhook-config.ts';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databasePath: string;
  /** `postgres://…` runs Parley on PostgreSQL (DATABASE_PATH is then unused); '' keeps SQLite. */
  readonly databaseUrl: string;
  /** Connections each process keeps to PostgreSQL. */
  readonly databasePoolSize: number;
  /** Absolute base URL of this server, without trailing slash; '' when unknown. */
  readonly publicUrl: string;
  /** Origins allowed to embed the widget; empty means any (local trial). */
  readonly siteOrigins: readonly string[];
  readonly requireNameEmail: boolean;
  readonly editWindowMs: number;
  readonly maxDepth: number;
  /** Comments per client and minute; 0 turns rate limits off. */
  readonly rateLimitPerMinute: number;
  readonly trustProxy: boolean;
  readonly maxTextLength: number;
  /** Base URL of the Gravatar service avatars are fetched from; '' turns Gravatar off. */
  readonly gravatarUrl: string;
  /** Secret for signing and keyed hashes; '' means one is generated and kept in the database. */
  readonly secret: string;
  /** Sign-in providers and sessions (server/auth/auth-config.ts). */
  readonly auth: AuthConfig;
  /** Akismet API key; '' turns the Akismet check off. */
  readonly akismetKey: string;
  /** Base URL of the Akismet API (a test server, or a compatible service). */
  readonly akismetUrl: string;
  /** A comment sent sooner than this after its form loaded is held; 0 turns the check off. */
  readonly minFillMs: number;
  /** How long a moderator's sign-in lasts. */
  readonly adminSessionMs: number;
  /** SMTP_URL and MAIL_FROM (server/mail/mail-config.ts); null sends no mail. */
  readonly mail: MailConfig | null;
  /** WEBHOOK_URLS, WEBHOOK_SECRET, WEBHOOK_ALLOW_PRIVATE (server/webhooks/webhook-config.ts); null sends no webhooks. */
  readonly webhooks: WebhookConfig | null;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function url(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL, got "${raw}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function origins(env: Env, name: string): string[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  return raw
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      let parsed: URL;
      try {
        parsed = new URL(entry);
      } catch {
        throw new ConfigError(name, `must list origins such as https://blog.example.com, got "${entry}"`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new ConfigError(name, `must list http(s) origins, got "${entry}"`);
      }
      return parsed.origin;
    });
}

function akismetKey(env: Env): string {
  const raw = env.AKISMET_KEY?.trim() ?? '';
  if (raw && !/^[A-Za-z0-9]{8,64}$/.test(raw)) throw new ConfigError('AKISMET_KEY', 'must be the letters and digits of an Akismet API key');
  return raw;
}

function databaseUrl(env: Env): string {
  const raw = env.DATABASE_URL?.trim() ?? '';
  if (raw && !/^postgres(ql)?:\/\/\S+$/.test(raw))
    throw new ConfigError('DATABASE_URL', `must be a postgres:// URL (or unset, for SQLite at DATABASE_PATH), got "${raw.replace(/:[^:@/]*@/, ':***@')}"`);
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const secret = env.SECRET?.trim() ?? '';
  if (secret && secret.length < 32) throw new ConfigError('SECRET', 'must be at least 32 characters long');
  return Object.freeze({
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    databasePath: env.DATABASE_PATH?.trim() || './data/parley.db',
    databaseUrl: databaseUrl(env),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    publicUrl: url(env, 'PUBLIC_URL', ''),
    siteOrigins: Object.freeze(origins(env, 'SITE_ORIGINS')),
    requireNameEmail: boolean(env, 'REQUIRE_NAME_EMAIL', true),
    editWindowMs: integer(env, 'EDIT_WINDOW_MINUTES', 15, 0, 60 * 24 * 365) * 60_000,
    maxDepth: integer(env, 'MAX_DEPTH', 5, 1, 10),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 5, 0, 1_000_000),
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    maxTextLength: integer(env, 'MAX_TEXT_LENGTH', 10_000, 1, 60_000),
    gravatarUrl: env.GRAVATAR_URL?.trim().toLowerCase() === 'off' ? '' : url(env, 'GRAVATAR_URL', 'https://www.gravatar.com'),
    secret,
    auth: loadAuthConfig(env),
    akismetKey: akismetKey(env),
    akismetUrl: url(env, 'AKISMET_URL', 'https://rest.akismet.com'),
    minFillMs: integer(env, 'MIN_FILL_SECONDS', 3, 0, 3600) * 1000,
    adminSessionMs: integer(env, 'ADMIN_SESSION_HOURS', 12, 1, 24 * 90) * 3_600_000,
    mail: loadMailConfig(env),
    webhooks: loadWebhookConfig(env),
  });
}
