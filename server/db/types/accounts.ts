/** The storage interface (server/db/types.ts), part: Accounts and sign-in: readers signed in with a provider, their sessions, the sign-in flows. */
import type { Account, Moderator } from '../domain.ts';
import type { OutgoingMail } from '../../mail/types.ts';

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
  /** Readers' accounts whose name or email contains `search` ('' for the latest), newest sign-in first, `limit` at most. */
  search(search: string, limit: number): Promise<Account[]>;
  /**
   * Links an account to a moderator (it then moderates from the widget), or unlinks it (null), audited as
   * `link_moderator` / `unlink_moderator`; undefined when there is no such account.
   */
  linkModerator(accountId: number, moderatorId: number | null, by: Moderator, now: number): Promise<Account | undefined>;
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

/** A sign-in link asked for by email (issue 13, item 5): where it came from and where the session goes afterwards. */
export interface EmailSignIn {
  /** The address, lower-cased: the account's key. */
  email: string;
  /** The name the reader gave in the widget ('' when none): the link's page offers it for a new account. */
  name: string;
  /** The site (widget's `site`) the link was asked on: only its guest comments are claimed ('' for links older than that: none). */
  siteId: string;
  /** The embedding page's origin and URL: the hand-over returns there. */
  origin: string;
  page: string;
  /** Hash of the widget's hand-over secret (kept in the asking browser). */
  handoffHash: string;
  /** The widget's language: the mail and the link's page are written in it. */
  lang: string;
}

/** Why a link cannot be used. */
export type EmailRefusal = { ok: false; refusal: 'unknown' | 'used' | 'expired' };

/**
 * A link that can still be used, and what its page needs: the name of the address's account when it has
 * one (it keeps it), else null (a new account: the page asks for a name), and the name of the moderator
 * with that address, if any (offered as that name).
 */
export type EmailPeek = { ok: true; link: EmailSignIn; accountName: string | null; moderatorName: string | null } | EmailRefusal;

/** What redeeming a sign-in link did: the account, how many guest comments of the link's site it claimed, or why not. */
export type EmailRedeem = { ok: true; link: EmailSignIn; account: Account; claimed: number } | EmailRefusal;

/** One-time sign-in links by email: each works once, only before it expires. */
export interface EmailSignInsRepo {
  /** Records a link (its token's hash) and queues its mail, in one transaction. */
  request(tokenHash: string, link: EmailSignIn & { ip: string }, mail: OutgoingMail, now: number, expiresAt: number): Promise<void>;
  /** How many links were asked for `email` since `since`, and from `ip` (the per-address and per-address-of-client limits). */
  recent(email: string, ip: string, since: number): Promise<{ byEmail: number; byIp: number }>;
  /** The link, without using it (the page that asks the reader to confirm); why not when it cannot be used. */
  peek(tokenHash: string, now: number): Promise<EmailPeek>;
  /**
   * Uses a link once, in one transaction: creates or refreshes the account of its address (provider `email`;
   * an existing account keeps its name), links it to the moderator with that address if there is one, gives
   * it the guest comments left with that address on the link's site (announced as edits once committed,
   * so cached threads and live readers show the new author), and leaves a one-time hand-over (`grantHash`)
   * for the page to redeem with its secret.
   */
  redeem(tokenHash: string, profile: ProfileInput, grant: { grantHash: string; expiresAt: number }, now: number): Promise<EmailRedeem>;
}
