import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { Account } from '../comments/identity.ts';
import { providerList } from '../auth/auth-config.ts';
import { bearerToken, newSession, sessionInvalid, toAccount } from '../auth/sessions.ts';
import { AppError } from '../errors.ts';
import { parse } from '../http/validate.ts';
import { jsonBody } from '../http/json-body.ts';
import { clientIp } from '../http/client-ip.ts';
import { safeEqual, sha256 } from '../lib/tokens.ts';
import { ownOrigin } from '../http/own-origin.ts';
import { trustedOrigin, untrustedOriginMessage } from '../auth/trusted-origins.ts';

const exchangeSchema = z.object({
  grant: z.string().regex(/^[A-Za-z0-9_-]{32,100}$/, 'is not a sign-in grant'),
  handoff: z.string().regex(/^[A-Za-z0-9_-]{32,100}$/, 'is not a sign-in secret'),
});

/**
 * `GET /api/me`, `POST /api/logout`, and `POST /api/auth/exchange` (the full-page redirect's hand-over).
 * `me` and `logout` answer any origin (CORS `*` while SITE_ORIGINS is empty): they act only on a bearer
 * token, which the sign-in hands to trusted origins alone (server/auth/trusted-origins.ts), and no
 * cookie rides along. The exchange mints a token, so it answers only pages on those origins.
 */
export function sessionRoutes(deps: Deps) {
  const { repos, clock } = deps;
  const names = new Map(providerList(deps.config.auth, deps.config.mail !== null).map(({ id, name }) => [id, name]));

  const accountJson = (account: Account) => ({
    name: account.name,
    url: account.url,
    avatar: `${deps.avatarBase}/avatar/${account.avatarKey}`,
    provider: account.provider,
    providerName: names.get(account.provider) ?? account.provider,
    // The widget loads its moderation controls (moderate.js) only for such an account.
    ...(account.moderatorId ? { moderator: true as const } : {}),
  });

  return new Hono()
    .get('/me', async (c) => {
      const account = await deps.accountOf(c);
      if (!account) throw new AppError(401, 'not_signed_in', 'You are not signed in.');
      return c.json({ account: accountJson(account) }, 200, { 'Cache-Control': 'no-store' });
    })
    .post('/logout', async (c) => {
      const token = bearerToken(c);
      if (token === null) throw new AppError(401, 'not_signed_in', 'You are not signed in.');
      if (!(await repos.accounts.revokeSession(sha256(token), clock()))) throw sessionInvalid();
      return c.body(null, 204);
    })
    .post('/auth/exchange', async (c) => {
      await deps.limits.actions.hit(`ip:${clientIp(c, deps.config.trustProxy)}`);
      const origin = c.req.header('origin');
      if (origin !== undefined && !trustedOrigin(deps.config, origin, ownOrigin(c, deps.config))) {
        throw new AppError(403, 'origin_not_allowed', untrustedOriginMessage(deps.config, origin));
      }
      const input = parse(exchangeSchema, await jsonBody(c));
      const handoff = await repos.authFlows.takeHandoff(sha256(input.grant), clock());
      if (!handoff || !safeEqual(handoff.handoffHash, sha256(input.handoff))) {
        throw new AppError(400, 'invalid_grant', 'This sign-in hand-over is not valid, was already used or has expired; sign in again.');
      }
      const session = newSession(clock, deps.config.auth.sessionDays);
      const row = await repos.accounts.openSession(handoff.accountId, session);
      return c.json({ token: session.token, account: accountJson(toAccount(row)) });
    });
}
