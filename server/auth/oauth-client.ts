/**
 * The OAuth 2.0 steps every provider shares, on panva's `oauth4webapi`: the
 * authorization URL (state + PKCE S256, nonce for OIDC), the callback check,
 * the code exchange and the profile request — each bounded by a timeout — and
 * the translation of every failure into an AppError a reader can act on.
 */
import * as oauth from 'oauth4webapi';
import { AppError } from '../errors.ts';
import type { ClientAuthMethod } from './auth-config.ts';

export interface OAuthClient {
  as: oauth.AuthorizationServer;
  clientId: string;
  clientSecret: string;
  auth: ClientAuthMethod;
  providerName: string;
  timeoutMs: number;
}

const insecure = (url: string | undefined) => ({ [oauth.allowInsecureRequests]: url?.startsWith('http:') ?? false });
const clientAuth = (client: OAuthClient) =>
  client.auth === 'client_secret_post' ? oauth.ClientSecretPost(client.clientSecret) : oauth.ClientSecretBasic(client.clientSecret);

export async function authorizationUrl(
  client: OAuthClient,
  request: { state: string; codeVerifier: string; redirectUri: string; scope: string; nonce?: string },
): Promise<URL> {
  const url = new URL(client.as.authorization_endpoint!);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  if (request.scope) url.searchParams.set('scope', request.scope);
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(request.codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  if (request.nonce) url.searchParams.set('nonce', request.nonce);
  return url;
}

/**
 * Checks the callback (state, issuer where the provider names one, error) and
 * exchanges the code for tokens. `ignoreIssuer` is for plain OAuth 2.0
 * providers, whose issuer identifier Parley does not know.
 */
export async function exchangeCode(
  client: OAuthClient,
  callback: URLSearchParams,
  flow: { state: string; codeVerifier: string; redirectUri: string; nonce?: string },
  options: { ignoreIssuer?: boolean } = {},
): Promise<oauth.TokenEndpointResponse> {
  return withProvider(client, async () => {
    const params = new URLSearchParams(callback);
    if (options.ignoreIssuer) params.delete('iss');
    const validated = oauth.validateAuthResponse(client.as, { client_id: client.clientId }, params, flow.state);
    const response = await oauth.authorizationCodeGrantRequest(
      client.as,
      { client_id: client.clientId },
      clientAuth(client),
      validated,
      flow.redirectUri,
      flow.codeVerifier,
      { signal: AbortSignal.timeout(client.timeoutMs), ...insecure(client.as.token_endpoint) },
    );
    return oauth.processAuthorizationCodeResponse(client.as, { client_id: client.clientId }, response, {
      expectedNonce: flow.nonce || oauth.expectNoNonce,
      requireIdToken: Boolean(flow.nonce),
    });
  });
}

/** GETs a JSON profile document with the access token. */
export async function fetchProfile(client: OAuthClient, url: string, accessToken: string): Promise<unknown> {
  return withProvider(client, async () => {
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json', 'User-Agent': 'Parley' },
      signal: AbortSignal.timeout(client.timeoutMs),
      redirect: 'error',
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new AppError(502, 'provider_error', `${client.providerName} would not tell Parley who you are (HTTP ${response.status}); try again later.`);
    }
    return response.json();
  });
}

/** The OpenID Connect userinfo claims, checked to be about the ID token's subject. */
export async function fetchUserInfo(client: OAuthClient, accessToken: string, subject: string): Promise<oauth.UserInfoResponse> {
  return withProvider(client, async () => {
    const response = await oauth.userInfoRequest(client.as, { client_id: client.clientId }, accessToken, {
      signal: AbortSignal.timeout(client.timeoutMs),
      ...insecure(client.as.userinfo_endpoint),
    });
    return oauth.processUserInfoResponse(client.as, { client_id: client.clientId }, subject, response);
  });
}

/** Reads an issuer's discovery document (`/.well-known/openid-configuration`). */
export async function discover(issuer: string, providerName: string, timeoutMs: number): Promise<oauth.AuthorizationServer> {
  const issuerUrl = new URL(issuer);
  return withProvider({ providerName, timeoutMs }, async () => {
    const response = await oauth.discoveryRequest(issuerUrl, { signal: AbortSignal.timeout(timeoutMs), ...insecure(issuer) });
    return oauth.processDiscoveryResponse(issuerUrl, response);
  });
}

/** Runs a step against a provider, turning every failure into an AppError that names the provider. */
export async function withProvider<T>(client: { providerName: string; timeoutMs: number }, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw providerError(client, error);
  }
}

function providerError(client: { providerName: string; timeoutMs: number }, error: unknown): AppError {
  const name = client.providerName;
  if (error instanceof AppError) return error;
  if (error instanceof oauth.AuthorizationResponseError) {
    const detail = error.error_description ? ` (${error.error_description.slice(0, 200)})` : '';
    return error.error === 'access_denied'
      ? new AppError(403, 'sign_in_denied', `${name} did not sign you in: access was denied${detail}.`)
      : new AppError(502, 'provider_error', `${name} answered with an error: ${error.error.slice(0, 100)}${detail}.`);
  }
  if (error instanceof oauth.ResponseBodyError) {
    const reused = error.error === 'invalid_grant';
    return new AppError(
      502,
      'provider_error',
      reused
        ? `${name} refused the sign-in code: it was already used or has expired. Start again from the comment form.`
        : `${name} answered with an error: ${error.error.slice(0, 100)}.`,
    );
  }
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new AppError(504, 'provider_timeout', `${name} did not answer within ${client.timeoutMs / 1000} seconds; try again later.`);
  }
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) {
    return new AppError(502, 'provider_unreachable', `Parley could not reach ${name}; try again later.`);
  }
  return new AppError(502, 'provider_error', `${name} answered in a way Parley does not understand; try again later.`);
}
