import type { Db } from './open.ts';
import type { AuthFlow, AuthFlowsRepo } from './types.ts';

export interface FlowRow {
  provider: string;
  instance: string;
  code_verifier: string;
  nonce: string;
  redirect_uri: string;
  origin: string;
  page: string;
  mode: 'popup' | 'redirect';
  handoff_hash: string;
  expires_at: number;
}

/** Sign-in flows (each `state` used once), redirect hand-overs, and Mastodon app registrations. */
export function createAuthFlowsRepo(db: Db): AuthFlowsRepo {
  const insertFlow = db.prepare(`INSERT INTO auth_flows
    (state_hash, provider, instance, code_verifier, nonce, redirect_uri, origin, page, mode, handoff_hash, created_at, expires_at)
    VALUES (@stateHash, @provider, @instance, @codeVerifier, @nonce, @redirectUri, @origin, @page, @mode, @handoffHash, @now, @expiresAt)`);
  const dropExpiredFlows = db.prepare('DELETE FROM auth_flows WHERE expires_at < ?');
  const takeFlow = db.prepare<[string], FlowRow>('DELETE FROM auth_flows WHERE state_hash = ? RETURNING *');
  const insertHandoff = db.prepare('INSERT INTO auth_handoffs (grant_hash, account_id, handoff_hash, expires_at) VALUES (?, ?, ?, ?)');
  const dropExpiredHandoffs = db.prepare('DELETE FROM auth_handoffs WHERE expires_at < ?');
  const takeHandoff = db.prepare<[string], { account_id: number; handoff_hash: string; expires_at: number }>(
    'DELETE FROM auth_handoffs WHERE grant_hash = ? RETURNING account_id, handoff_hash, expires_at',
  );
  const findApp = db.prepare<[string, string], { client_id: string; client_secret: string }>(
    'SELECT client_id, client_secret FROM mastodon_apps WHERE instance = ? AND redirect_uri = ?',
  );
  const saveApp = db.prepare(`INSERT INTO mastodon_apps (instance, redirect_uri, client_id, client_secret, created_at)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT (instance, redirect_uri) DO NOTHING`);

  return {
    async saveFlow(stateHash, flow, now, expiresAt) {
      dropExpiredFlows.run(now);
      insertFlow.run({ stateHash, ...flow, now, expiresAt });
    },

    /** Removes and returns the flow for a state: a state works once, and only before it expires. */
    async takeFlow(stateHash, now) {
      const row = takeFlow.get(stateHash);
      if (!row) return undefined;
      if (row.expires_at < now) return 'expired';
      return toFlow(row);
    },

    async saveHandoff(grantHash, accountId, handoffHash, now, expiresAt) {
      dropExpiredHandoffs.run(now);
      insertHandoff.run(grantHash, accountId, handoffHash, expiresAt);
    },

    /** Removes and returns a redirect hand-over: it works once, before it expires. */
    async takeHandoff(grantHash, now) {
      const row = takeHandoff.get(grantHash);
      return row && row.expires_at >= now ? { accountId: row.account_id, handoffHash: row.handoff_hash } : undefined;
    },

    async mastodonApp(instance, redirectUri) {
      const row = findApp.get(instance, redirectUri);
      return row && { clientId: row.client_id, clientSecret: row.client_secret };
    },

    /** Keeps the first registration when two sign-ins raced to register. */
    async saveMastodonApp(instance, redirectUri, app, now) {
      saveApp.run(instance, redirectUri, app.clientId, app.clientSecret, now);
      const row = findApp.get(instance, redirectUri)!;
      return { clientId: row.client_id, clientSecret: row.client_secret };
    },
  };
}

export const toFlow = (row: FlowRow): AuthFlow => ({
  provider: row.provider,
  instance: row.instance,
  codeVerifier: row.code_verifier,
  nonce: row.nonce,
  redirectUri: row.redirect_uri,
  origin: row.origin,
  page: row.page,
  mode: row.mode,
  handoffHash: row.handoff_hash,
});
