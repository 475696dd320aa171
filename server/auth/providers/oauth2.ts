import type { OAuth2ProviderConfig, ClientAuthMethod } from '../auth-config.ts';
import type { SignInProvider } from '../provider.ts';
import { authorizationUrl, exchangeCode, fetchProfile, type OAuthClient } from '../oauth-client.ts';
import { PROFILE_READERS } from '../profiles.ts';

/** What differs between the plain OAuth 2.0 providers: their scopes and how the client authenticates. */
const SPECS: Record<OAuth2ProviderConfig['id'], { scope: string; auth: ClientAuthMethod }> = {
  wordpress: { scope: 'auth', auth: 'client_secret_post' },
  github: { scope: 'read:user', auth: 'client_secret_basic' },
  facebook: { scope: 'public_profile', auth: 'client_secret_post' },
  twitter: { scope: 'users.read tweet.read', auth: 'client_secret_basic' },
};

/** A provider with fixed endpoints (each overridable by configuration) and a profile API. */
export function oauth2Provider(config: OAuth2ProviderConfig, timeoutMs: number): SignInProvider {
  const spec = SPECS[config.id];
  const trusted = [...new Set([config.authUrl, config.tokenUrl, config.userinfoUrl].map((url) => new URL(url).origin))];
  const client: OAuthClient = {
    as: { issuer: new URL(config.authUrl).origin, authorization_endpoint: config.authUrl, token_endpoint: config.tokenUrl },
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    auth: spec.auth,
    providerName: config.name,
    timeoutMs,
  };

  return {
    id: config.id,
    name: config.name,
    needsInstance: false,
    async authorizationUrl(request) {
      return { url: await authorizationUrl(client, { ...request, scope: spec.scope, nonce: '' }), instance: '' };
    },
    async profile(flow, callback) {
      const tokens = await exchangeCode(client, callback, flow, { ignoreIssuer: true });
      const json = await fetchProfile(client, config.userinfoUrl, tokens.access_token);
      return PROFILE_READERS[config.id](json, trusted, config.name);
    },
  };
}
