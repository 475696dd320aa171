import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { siteId } from '../comments/schemas.ts';
import { sendJson } from '../http/cors.ts';
import { providerList } from '../auth/auth-config.ts';

/** What the widget needs to draw its form: which fields are required, the sign-in providers, the edit window, the depth. */
export function widgetConfigRoutes(deps: Deps) {
  const { config } = deps;
  const body = JSON.stringify({
    requireNameEmail: config.requireNameEmail,
    editWindowMinutes: config.editWindowMs / 60_000,
    maxDepth: config.maxDepth,
    maxTextLength: config.maxTextLength,
    // The notify box shows only when mail can be sent (SMTP_URL and MAIL_FROM set).
    notify: config.mail !== null,
    providers: providerList(config.auth),
    requireSignIn: config.auth.requireSignIn,
  });
  return new Hono().get('/config', async (c) => {
    // A site's own rule on names and emails (set in the admin view) overrides REQUIRE_NAME_EMAIL.
    const site = siteId.safeParse(c.req.query('site') ?? 'default');
    const required = site.success ? (await deps.repos.sites.settings(site.data)).requireNameEmail : null;
    const answer = required === null || required === config.requireNameEmail ? body : JSON.stringify({ ...JSON.parse(body), requireNameEmail: required });
    return sendJson(c, answer, 200, { 'Cache-Control': 'public, max-age=60' });
  });
}
