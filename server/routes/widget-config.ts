import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { siteId } from '../comments/schemas.ts';
import { sendJson } from '../http/cors.ts';
import { providerList } from '../auth/auth-config.ts';

/**
 * What the widget needs to draw its form: which fields are required, the sign-in providers, the edit
 * window, the depth. Each thread page carries it too (`config` in `GET /api/comments`), so the first
 * draw needs one request; `GET /api/config` stays for other clients.
 */
export function widgetConfig(deps: Deps) {
  const { config } = deps;
  const base = {
    requireNameEmail: config.requireNameEmail,
    editWindowMinutes: config.editWindowMs / 60_000,
    maxDepth: config.maxDepth,
    maxTextLength: config.maxTextLength,
    // The notify box shows only when mail can be sent (SMTP_URL and MAIL_FROM set).
    notify: config.mail !== null,
    providers: providerList(config.auth, config.mail !== null),
    requireSignIn: config.auth.requireSignIn,
  };
  /** The configuration for `site`: its own rule on names and emails (set in the admin view) overrides REQUIRE_NAME_EMAIL. */
  return async (site: string | null) => {
    const required = site === null ? null : (await deps.repos.sites.settings(site)).requireNameEmail;
    return required === null || required === base.requireNameEmail ? base : { ...base, requireNameEmail: required };
  };
}

export function widgetConfigRoutes(deps: Deps) {
  const configFor = widgetConfig(deps);
  return new Hono().get('/config', async (c) => {
    const site = siteId.safeParse(c.req.query('site') ?? 'default');
    const body = await configFor(site.success ? site.data : null);
    return sendJson(c, JSON.stringify(body), 200, { 'Cache-Control': 'public, max-age=60' });
  });
}
