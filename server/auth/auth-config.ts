/**
 * Sign-in configuration from the environment: which providers are on (a provider
 * appears when both its client id and secret are set), their endpoints (each
 * overridable, for tests and self-hosted issuers), and the session options.
 */
import { ConfigError } from '../config.ts';

type Env = Record<string, string | undefined>;

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** A provider with fixed endpoints (GitHub, Facebook, X, WordPress.com). */
export interface OAuth2ProviderConfig {
  kind: 'oauth2';
  id: 'github' | 'facebook' | 'twitter' | 'wordpress';
  name: string;
  clientId: string;
  clientSecret: string;
  authUrl: string;
  tokenUrl: string;
  userinfoUrl: string;
}

/** A provider found through its OpenID Connect discovery document (Google, any issuer). */
export interface OidcProviderConfig {
  kind: 'oidc';
  id: 'google' | 'oidc';
  name: string;
  clientId: string;
  clientSecret: string;
  issuer: string;
  scopes: string;
}

export type ProviderConfig = OAuth2ProviderConfig | OidcProviderConfig;

export interface AuthConfig {
  readonly providers: readonly ProviderConfig[];
  /** Mastodon: on or off; the app is registered per instance at first use. */
  readonly mastodon: { readonly enabled: boolean; readonly instances: readonly string[] };
  readonly requireSignIn: boolean;
  readonly sessionDays: number;
  /** How long Parley waits for a provider's answer before giving up. */
  readonly providerTimeoutMs: number;
  /**
   * Sign-in by email: on unless EMAIL_SIGN_IN=false, and offered only when mail can be sent too
   * (SMTP_URL): a blog that mails its readers already has all the feature needs, and no provider to register.
   */
  readonly emailSignIn: boolean;
}

/** Default endpoints; each can be overridden with `NAME_AUTH_URL`, `NAME_TOKEN_URL`, `NAME_USERINFO_URL`. */
export const OAUTH2_DEFAULTS: Record<OAuth2ProviderConfig['id'], { env: string; name: string; authUrl: string; tokenUrl: string; userinfoUrl: string }> = {
  wordpress: {
    env: 'WORDPRESS',
    name: 'WordPress.com',
    authUrl: 'https://public-api.wordpress.com/oauth2/authorize',
    tokenUrl: 'https://public-api.wordpress.com/oauth2/token',
    userinfoUrl: 'https://public-api.wordpress.com/rest/v1.1/me',
  },
  github: {
    env: 'GITHUB',
    name: 'GitHub',
    authUrl: 'https://github.com/login/oauth/authorize',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    userinfoUrl: 'https://api.github.com/user',
  },
  facebook: {
    env: 'FACEBOOK',
    name: 'Facebook',
    authUrl: 'https://www.facebook.com/v23.0/dialog/oauth',
    tokenUrl: 'https://graph.facebook.com/v23.0/oauth/access_token',
    userinfoUrl: 'https://graph.facebook.com/v23.0/me?fields=id,name,link,picture.type(large)',
  },
  twitter: {
    env: 'TWITTER',
    name: 'X',
    authUrl: 'https://x.com/i/oauth2/authorize',
    tokenUrl: 'https://api.x.com/2/oauth2/token',
    userinfoUrl: 'https://api.x.com/2/users/me?user.fields=profile_image_url,url',
  },
};

function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim() || fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL, got "${raw}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  return parsed.href;
}

/** Both halves of a client registration, or neither. */
function credentials(env: Env, prefix: string): { clientId: string; clientSecret: string } | null {
  const clientId = env[`${prefix}_CLIENT_ID`]?.trim() ?? '';
  const clientSecret = env[`${prefix}_CLIENT_SECRET`]?.trim() ?? '';
  if (!clientId && !clientSecret) return null;
  if (!clientId) throw new ConfigError(`${prefix}_CLIENT_ID`, `must be set when ${prefix}_CLIENT_SECRET is`);
  if (!clientSecret) throw new ConfigError(`${prefix}_CLIENT_SECRET`, `must be set when ${prefix}_CLIENT_ID is`);
  return { clientId, clientSecret };
}

/** A yes/no setting; unset (or empty) is `fallback`. */
function flag(env: Env, name: string, fallback = false): boolean {
  const raw = env[name]?.trim().toLowerCase() ?? '';
  if (raw === '') return fallback;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function whole(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function providers(env: Env): ProviderConfig[] {
  const list: ProviderConfig[] = [];
  const wordpress = credentials(env, 'WORDPRESS');
  const push = (id: OAuth2ProviderConfig['id'], creds: { clientId: string; clientSecret: string } | null) => {
    if (!creds) return;
    const d = OAUTH2_DEFAULTS[id];
    list.push({
      kind: 'oauth2',
      id,
      name: d.name,
      ...creds,
      authUrl: httpUrl(env, `${d.env}_AUTH_URL`, d.authUrl),
      tokenUrl: httpUrl(env, `${d.env}_TOKEN_URL`, d.tokenUrl),
      userinfoUrl: httpUrl(env, `${d.env}_USERINFO_URL`, d.userinfoUrl),
    });
  };
  push('wordpress', wordpress);
  const google = credentials(env, 'GOOGLE');
  if (google)
    list.push({
      kind: 'oidc',
      id: 'google',
      name: 'Google',
      ...google,
      issuer: httpUrl(env, 'GOOGLE_ISSUER', 'https://accounts.google.com'),
      scopes: 'openid profile email',
    });
  push('github', credentials(env, 'GITHUB'));
  push('facebook', credentials(env, 'FACEBOOK'));
  push('twitter', credentials(env, 'TWITTER'));
  const oidc = credentials(env, 'OIDC');
  if (oidc) {
    if (!env.OIDC_ISSUER?.trim())
      throw new ConfigError('OIDC_ISSUER', 'must be set when OIDC_CLIENT_ID is (the issuer URL whose /.well-known/openid-configuration Parley reads)');
    const name = env.OIDC_NAME?.trim() || 'OpenID';
    if (name.length > 40) throw new ConfigError('OIDC_NAME', 'must be at most 40 characters');
    list.push({ kind: 'oidc', id: 'oidc', name, ...oidc, issuer: httpUrl(env, 'OIDC_ISSUER', ''), scopes: env.OIDC_SCOPES?.trim() || 'openid profile email' });
  }
  return list;
}

function instances(env: Env): string[] {
  const raw = env.MASTODON_INSTANCES?.trim();
  if (!raw) return [];
  return raw
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const withScheme = /^[a-z]+:\/\//i.test(entry) ? entry : `https://${entry}`;
      return new URL(httpUrl({ MASTODON_INSTANCES: withScheme }, 'MASTODON_INSTANCES', '')).origin;
    });
}

/** The providers a reader can pick, in the order the widget shows them. */
export function providerList(auth: AuthConfig, mailOn = false): Array<{ id: string; name: string }> {
  const list: Array<{ id: string; name: string }> = auth.providers.map(({ id, name }) => ({ id, name }));
  if (auth.mastodon.enabled) list.push({ id: 'mastodon', name: 'Mastodon' });
  if (auth.emailSignIn && mailOn) list.push({ id: 'email', name: 'Email' });
  return list;
}

export function loadAuthConfig(env: Env): AuthConfig {
  return Object.freeze({
    providers: Object.freeze(providers(env)),
    mastodon: Object.freeze({ enabled: flag(env, 'MASTODON_ENABLED'), instances: Object.freeze(instances(env)) }),
    requireSignIn: flag(env, 'REQUIRE_SIGN_IN'),
    sessionDays: whole(env, 'SESSION_DAYS', 30, 1, 3650),
    providerTimeoutMs: whole(env, 'AUTH_TIMEOUT_SECONDS', 10, 1, 120) * 1000,
    emailSignIn: flag(env, 'EMAIL_SIGN_IN', true),
  });
}

/** The hosts (with ports) of every provider endpoint the blog owner configured, and of the Mastodon instances it lists. */
export function configuredProviderHosts(auth: AuthConfig): Set<string> {
  const urls = auth.providers.flatMap((p) => (p.kind === 'oauth2' ? [p.authUrl, p.tokenUrl, p.userinfoUrl] : [p.issuer]));
  return new Set([...urls, ...auth.mastodon.instances].map((url) => new URL(url).host));
}
