import * as oauth from 'oauth4webapi';
import type { OidcProviderConfig } from '../auth-config.ts';
import type { SignInProvider } from '../provider.ts';
import { authorizationUrl, discover, exchangeCode, fetchUserInfo, type OAuthClient } from '../oauth-client.ts';
import { oidcProfile } from '../profiles.ts';

const DISCOVERY_TTL_MS = 60 * 60 * 1000;

/**
 * An OpenID Connect provider (Google, or any issuer): endpoints come from its
 * discovery document (read at first use, kept for an hour); the ID token's
 * issuer, audience, expiry and nonce are checked, and userinfo must be about
 * the same subject.
 */
export function oidcProvider(config: OidcProviderConfig, timeoutMs: number, clock: () => number): SignInProvider {
  let cached: { at: number; client: Promise<OAuthClient> } | null = null;

  function client(): Promise<OAuthClient> {
    if (cached && clock() - cached.at < DISCOVERY_TTL_MS) return cached.client;
    const pending = discover(config.issuer, config.name, timeoutMs).then((as) => ({
      as,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      auth: authMethod(as),
      providerName: config.name,
      timeoutMs,
    }));
    cached = { at: clock(), client: pending };
    pending.catch(() => {
      if (cached?.client === pending) cached = null;
    });
    return pending;
  }

  return {
    id: config.id,
    name: config.name,
    needsInstance: false,
    async authorizationUrl(request) {
      return { url: await authorizationUrl(await client(), { ...request, scope: config.scopes }), instance: '' };
    },
    async profile(flow, callback) {
      const c = await client();
      const tokens = await exchangeCode(c, callback, flow);
      const idToken = oauth.getValidatedIdTokenClaims(tokens)!;
      const userinfo = c.as.userinfo_endpoint ? await fetchUserInfo(c, tokens.access_token, idToken.sub) : {};
      const trusted = [c.as.authorization_endpoint, c.as.token_endpoint, c.as.userinfo_endpoint, config.issuer]
        .filter((url): url is string => Boolean(url))
        .map((url) => new URL(url).origin);
      return oidcProfile({ ...idToken, ...userinfo }, trusted, config.name);
    },
  };
}

/** client_secret_basic unless the issuer supports only client_secret_post. */
function authMethod(as: oauth.AuthorizationServer) {
  const supported = as.token_endpoint_auth_methods_supported;
  return supported && !supported.includes('client_secret_basic') && supported.includes('client_secret_post')
    ? ('client_secret_post' as const)
    : ('client_secret_basic' as const);
}
