/**
 * A sign-in from start to finish, without any cookie: the flow (state hash,
 * PKCE verifier, nonce, where to hand the session over) is kept in the
 * database, and a state works once, for ten minutes.
 */
import * as oauth from 'oauth4webapi';
import type { Deps } from '../deps.ts';
import type { AuthFlow } from '../db/types.ts';
import type { SignInProvider } from './provider.ts';
import { AppError } from '../errors.ts';
import { hmac, randomToken, sha256 } from '../lib/tokens.ts';
import { newSession } from './sessions.ts';
import { trustedOrigin, untrustedOriginMessage } from './trusted-origins.ts';

const FLOW_MS = 10 * 60 * 1000;
const HANDOFF_MS = 5 * 60 * 1000;

export interface StartInput {
  origin: string;
  page: string;
  mode: 'popup' | 'redirect';
  handoff: string;
  instance: string;
  /** This server's base URL: PUBLIC_URL, or the request's own origin for a local trial. */
  baseUrl: string;
  /** This server's origin as the browser sees it (server/http/own-origin.ts). */
  ownOrigin: string;
}

export type Finish = { mode: 'popup'; token: string; origin: string; providerName: string } | { mode: 'redirect'; location: string };

export const invalidState = () =>
  new AppError(400, 'invalid_state', 'This sign-in link is not valid or has already been used; start again from the comment form.');

/** Whether pages on `origin` may receive sessions (server/auth/trusted-origins.ts); `own` is this server's origin. */
export function originAllowed(deps: Deps, origin: string, own: string): boolean {
  return trustedOrigin(deps.config, origin, own);
}

export function assertOriginAllowed(deps: Deps, origin: string, own: string): void {
  if (!originAllowed(deps, origin, own)) throw new AppError(403, 'origin_not_allowed', untrustedOriginMessage(deps.config, origin));
}

/** Records a new flow and returns the provider's authorization URL to send the reader to. */
export async function startSignIn(deps: Deps, provider: SignInProvider, input: StartInput): Promise<URL> {
  assertOriginAllowed(deps, input.origin, input.ownOrigin);
  const state = oauth.generateRandomState();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const nonce = provider.id === 'google' || provider.id === 'oidc' ? oauth.generateRandomNonce() : '';
  const redirectUri = `${input.baseUrl}/auth/${provider.id}/callback`;
  const { url, instance } = await provider.authorizationUrl({ state, codeVerifier, nonce, redirectUri, instance: input.instance });
  const flow: AuthFlow = {
    provider: provider.id,
    instance,
    codeVerifier,
    nonce,
    redirectUri,
    origin: input.origin,
    page: input.page,
    mode: input.mode,
    handoffHash: input.mode === 'redirect' ? sha256(input.handoff) : '',
  };
  const now = deps.clock();
  await deps.repos.authFlows.saveFlow(sha256(state), flow, now, now + FLOW_MS);
  return url;
}

/** The flow a callback's `state` belongs to, taken so that it cannot be used again. */
export async function takeFlow(deps: Deps, providerId: string, state: string | undefined): Promise<AuthFlow> {
  if (!state || state.length > 200) throw invalidState();
  const flow = await deps.repos.authFlows.takeFlow(sha256(state), deps.clock());
  if (flow === 'expired') throw new AppError(400, 'state_expired', 'This sign-in took too long and has expired; start again from the comment form.');
  if (!flow || flow.provider !== providerId) throw invalidState();
  return flow;
}

/**
 * Finishes a flow: checks where the session would go, asks the provider who
 * the reader is, then opens a session (popup) or leaves a one-time hand-over
 * for the page to redeem with its secret (full-page redirect).
 */
export async function finishSignIn(
  deps: Deps,
  provider: SignInProvider,
  flow: AuthFlow,
  state: string,
  callback: URLSearchParams,
  own: string,
): Promise<Finish> {
  assertOriginAllowed(deps, flow.origin, own);
  const profile = await provider.profile({ ...flow, state }, callback);
  const input = { ...profile, provider: provider.id, avatarKey: hmac(deps.secret, `account:${provider.id}:${profile.providerUserId}`).slice(0, 32) };
  if (flow.mode === 'popup') {
    const session = newSession(deps.clock, deps.config.auth.sessionDays);
    await deps.repos.accounts.signIn(input, session);
    return { mode: 'popup', token: session.token, origin: flow.origin, providerName: provider.name };
  }
  const account = await deps.repos.accounts.saveAccount(input, deps.clock());
  const grant = randomToken(32);
  const now = deps.clock();
  await deps.repos.authFlows.saveHandoff(sha256(grant), account.id, flow.handoffHash, now, now + HANDOFF_MS);
  return { mode: 'redirect', location: `${flow.page.replace(/#.*$/, '')}#parley-auth=${grant}` };
}
