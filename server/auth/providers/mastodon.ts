import { isIP } from 'node:net';
import { z } from 'zod';
import type { AuthConfig } from '../auth-config.ts';
import type { AuthFlowsRepo, MastodonApp } from '../../db/types.ts';
import type { SignInProvider } from '../provider.ts';
import { AppError, invalid } from '../../errors.ts';
import { authorizationUrl, exchangeCode, fetchProfile, withProvider, type OAuthClient } from '../oauth-client.ts';
import { mastodonProfile, read } from '../profiles.ts';

const NAME = 'Mastodon';
const SCOPE = 'read:accounts';

/**
 * The instance a reader typed (`mastodon.social`, `https://mastodon.social/`,
 * `@me@mastodon.social`) as an origin. Any public https host is allowed; an
 * instance on plain http, on an IP address or on localhost only when listed in
 * MASTODON_INSTANCES, so readers cannot point Parley's server at internal hosts.
 */
export function instanceOrigin(input: string, listed: readonly string[]): string {
  const typed = input.trim().replace(/^@?[^@\s/]+@(?=[^@\s/]+$)/, '');
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(typed) ? typed : `https://${typed}`);
  } catch {
    throw invalid('instance', 'invalid_instance', 'Type the address of your Mastodon server, such as mastodon.social.');
  }
  if (listed.includes(url.origin)) return url.origin;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const internal = isIP(host) !== 0 || host === 'localhost' || host.endsWith('.localhost') || !host.includes('.');
  if (url.protocol !== 'https:' || internal || url.username || url.password) {
    throw invalid(
      'instance',
      'invalid_instance',
      `${input.trim().slice(0, 100)} is not a Mastodon server Parley can use; type a public address such as mastodon.social.`,
    );
  }
  return url.origin;
}

const registration = z.object({ client_id: z.string().min(1).max(500), client_secret: z.string().min(1).max(500) });

/**
 * Mastodon, on any instance: Parley registers itself there (`POST /api/v1/apps`)
 * the first time a reader of that instance signs in, and keeps the app's
 * credentials in the database.
 */
export function mastodonProvider(config: AuthConfig, flows: AuthFlowsRepo, clock: () => number): SignInProvider {
  const timeoutMs = config.providerTimeoutMs;

  async function app(instance: string, redirectUri: string): Promise<MastodonApp> {
    const known = await flows.mastodonApp(instance, redirectUri);
    if (known) return known;
    const registered = await withProvider({ providerName: `${NAME} (${new URL(instance).host})`, timeoutMs }, async () => {
      const response = await fetch(`${instance}/api/v1/apps`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'User-Agent': 'Parley' },
        body: new URLSearchParams({ client_name: 'Parley comments', redirect_uris: redirectUri, scopes: SCOPE, website: new URL(redirectUri).origin }),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new AppError(
          502,
          'provider_error',
          `${new URL(instance).host} would not register Parley as an app (HTTP ${response.status}); is it a Mastodon server?`,
        );
      }
      return read(registration, await response.json(), NAME);
    });
    return flows.saveMastodonApp(instance, redirectUri, { clientId: registered.client_id, clientSecret: registered.client_secret }, clock());
  }

  const client = (instance: string, registered: MastodonApp): OAuthClient => ({
    as: { issuer: instance, authorization_endpoint: `${instance}/oauth/authorize`, token_endpoint: `${instance}/oauth/token` },
    clientId: registered.clientId,
    clientSecret: registered.clientSecret,
    auth: 'client_secret_basic',
    providerName: `${NAME} (${new URL(instance).host})`,
    timeoutMs,
  });

  return {
    id: 'mastodon',
    name: NAME,
    needsInstance: true,
    async authorizationUrl(request) {
      const instance = instanceOrigin(request.instance, config.mastodon.instances);
      const c = client(instance, await app(instance, request.redirectUri));
      return { url: await authorizationUrl(c, { ...request, scope: SCOPE, nonce: '' }), instance };
    },
    async profile(flow, callback) {
      const registered = await flows.mastodonApp(flow.instance, flow.redirectUri);
      if (!registered) throw new AppError(400, 'invalid_state', 'Parley no longer knows this Mastodon server; start again from the comment form.');
      const c = client(flow.instance, registered);
      const tokens = await exchangeCode(c, callback, flow, { ignoreIssuer: true });
      const json = await fetchProfile(c, `${flow.instance}/api/v1/accounts/verify_credentials`, tokens.access_token);
      return mastodonProfile(json, flow.instance, NAME);
    },
  };
}
