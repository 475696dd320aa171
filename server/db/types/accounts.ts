/** The storage interface (server/db/types.ts), part: Accounts and sign-in: readers signed in with a provider, their sessions, the sign-in flows. */
import type { Account } from '../domain.ts';

/** What a provider says about a person; `avatarKey` is used only when the account is new. */
export interface ProfileInput {
  provider: string;
  providerUserId: string;
  name: string;
  email: string;
  url: string;
  avatarUrl: string;
  avatarKey: string;
}

export interface SessionInput {
  tokenHash: string;
  now: number;
  expiresAt: number;
}

export interface AccountsRepo {
  /** Creates or refreshes the account a provider vouched for; no session. */
  saveAccount(profile: ProfileInput, now: number): Promise<Account>;
  /** Creates or refreshes the account and opens a session for it, in one transaction. */
  signIn(profile: ProfileInput, session: SessionInput): Promise<Account>;
  /** Opens a session for a known account (the redirect hand-over) and returns the account. */
  openSession(accountId: number, session: SessionInput): Promise<Account>;
  /** The account behind a live (not expired, not revoked) session. */
  sessionAccount(tokenHash: string, now: number): Promise<Account | undefined>;
  /** Revokes a session; false when it was unknown or already revoked. */
  revokeSession(tokenHash: string, now: number): Promise<boolean>;
  avatarUrl(avatarKey: string): Promise<string | undefined>;
}

/** A sign-in in progress, from `/auth/PROVIDER/start` to its callback. */
export interface AuthFlow {
  provider: string;
  /** Mastodon instance origin; '' for other providers. */
  instance: string;
  codeVerifier: string;
  /** OpenID Connect nonce; '' for plain OAuth 2.0. */
  nonce: string;
  redirectUri: string;
  /** The embedding page's origin, where the session is handed over. */
  origin: string;
  /** The embedding page's URL, where a full-page redirect returns. */
  page: string;
  mode: 'popup' | 'redirect';
  /** Hash of the widget's hand-over secret (redirect mode); ''. */
  handoffHash: string;
  /** The widget's language (a locale code): the popup's pages are written in it. */
  lang: string;
}

export interface MastodonApp {
  clientId: string;
  clientSecret: string;
}

/** Sign-in flows (each `state` used once), redirect hand-overs, and Mastodon app registrations. */
export interface AuthFlowsRepo {
  saveFlow(stateHash: string, flow: AuthFlow, now: number, expiresAt: number): Promise<void>;
  /** Removes and returns the flow for a state: a state works once, and only before it expires. */
  takeFlow(stateHash: string, now: number): Promise<AuthFlow | 'expired' | undefined>;
  saveHandoff(grantHash: string, accountId: number, handoffHash: string, now: number, expiresAt: number): Promise<void>;
  /** Removes and returns a redirect hand-over: it works once, before it expires. */
  takeHandoff(grantHash: string, now: number): Promise<{ accountId: number; handoffHash: string } | undefined>;
  mastodonApp(instance: string, redirectUri: string): Promise<MastodonApp | undefined>;
  /** Keeps the first registration when two sign-ins raced to register. */
  saveMastodonApp(instance: string, redirectUri: string, app: MastodonApp, now: number): Promise<MastodonApp>;
}
