import type { AuthFlow } from '../db/types.ts';

/** Who a provider says the reader is, already checked and trimmed to Parley's limits. */
export interface Profile {
  providerUserId: string;
  name: string;
  email: string;
  url: string;
  /** Where the avatar image is; fetched by Parley's server only, '' when none or not trusted. */
  avatarUrl: string;
}

/** What a provider's authorization request needs from the flow being started. */
export interface StartRequest {
  state: string;
  codeVerifier: string;
  nonce: string;
  redirectUri: string;
  /** The Mastodon instance the reader typed; '' for other providers. */
  instance: string;
}

/**
 * One sign-in provider: it builds the authorization URL for a new flow and,
 * at the callback, turns the provider's answer into a Profile (exchanging the
 * code, with `state` and PKCE checked) or throws an AppError saying why not.
 */
export interface SignInProvider {
  readonly id: string;
  readonly name: string;
  /** The reader names their server first (Mastodon). */
  readonly needsInstance: boolean;
  /** The authorization URL, and the instance origin it is for ('' when not Mastodon). */
  authorizationUrl(request: StartRequest): Promise<{ url: URL; instance: string }>;
  profile(flow: AuthFlow & { state: string }, callback: URLSearchParams): Promise<Profile>;
}
