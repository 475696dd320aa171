import type { AuthFlowsRepo } from '../types.ts';
import { toFlow, type FlowRow } from '../auth-flows-repo.ts';
import type { PgDatabase } from './database.ts';

/** Sign-in flows and hand-overs live in the database, so a callback may land on any of the servers. */
export function createPgAuthFlowsRepo(db: PgDatabase): AuthFlowsRepo {
  const findApp = async (instance: string, redirectUri: string) => {
    const row = await db.one<{ client_id: string; client_secret: string }>(
      'SELECT client_id, client_secret FROM mastodon_apps WHERE instance = $1 AND redirect_uri = $2',
      [instance, redirectUri],
    );
    return row && { clientId: row.client_id, clientSecret: row.client_secret };
  };
  return {
    async saveFlow(stateHash, flow, now, expiresAt) {
      await db.query('DELETE FROM auth_flows WHERE expires_at < $1', [now]);
      await db.query(
        `INSERT INTO auth_flows
        (state_hash, provider, instance, code_verifier, nonce, redirect_uri, origin, page, mode, handoff_hash, created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          stateHash,
          flow.provider,
          flow.instance,
          flow.codeVerifier,
          flow.nonce,
          flow.redirectUri,
          flow.origin,
          flow.page,
          flow.mode,
          flow.handoffHash,
          now,
          expiresAt,
        ],
      );
    },
    async takeFlow(stateHash, now) {
      // DELETE … RETURNING: of two callbacks with one state, on any servers, only one gets the flow.
      const row = await db.one<FlowRow>('DELETE FROM auth_flows WHERE state_hash = $1 RETURNING *', [stateHash]);
      if (!row) return undefined;
      if (row.expires_at < now) return 'expired';
      return toFlow(row);
    },
    async saveHandoff(grantHash, accountId, handoffHash, now, expiresAt) {
      await db.query('DELETE FROM auth_handoffs WHERE expires_at < $1', [now]);
      await db.query('INSERT INTO auth_handoffs (grant_hash, account_id, handoff_hash, expires_at) VALUES ($1, $2, $3, $4)', [
        grantHash,
        accountId,
        handoffHash,
        expiresAt,
      ]);
    },
    async takeHandoff(grantHash, now) {
      const row = await db.one<{ account_id: number; handoff_hash: string; expires_at: number }>(
        'DELETE FROM auth_handoffs WHERE grant_hash = $1 RETURNING account_id, handoff_hash, expires_at',
        [grantHash],
      );
      return row && row.expires_at >= now ? { accountId: row.account_id, handoffHash: row.handoff_hash } : undefined;
    },
    mastodonApp: findApp,
    async saveMastodonApp(instance, redirectUri, app, now) {
      await db.query(
        `INSERT INTO mastodon_apps (instance, redirect_uri, client_id, client_secret, created_at)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (instance, redirect_uri) DO NOTHING`,
        [instance, redirectUri, app.clientId, app.clientSecret, now],
      );
      return (await findApp(instance, redirectUri))!;
    },
  };
}
