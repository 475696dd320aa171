import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import type { AdminEnv } from '../auth/admin-session.ts';
import { parse } from '../http/validate.ts';
import { jsonBody } from '../http/json-body.ts';
import { lockSchema, requiredSiteSchema, settingsSchema } from '../moderation/admin-schemas.ts';
import { closedByAge } from '../moderation/decide.ts';
import { wordList } from '../moderation/words.ts';

/** Sites, each site's moderation rules, and locking a thread. */
export function adminSiteRoutes(deps: Deps) {
  const { repos, config, clock } = deps;

  return new Hono<AdminEnv>()
    .get('/sites', async (c) => c.json({ sites: await repos.sites.list() }))
    .get('/settings', async (c) => {
      const { site } = parse(requiredSiteSchema, c.req.query());
      return c.json({ site, settings: await repos.sites.settings(site), serverDefaults: { requireNameEmail: config.requireNameEmail } });
    })
    .put('/settings', async (c) => {
      const { site } = parse(requiredSiteSchema, c.req.query());
      const input = parse(settingsSchema, await jsonBody(c));
      const patch = {
        ...input,
        ...(input.moderationWords ? { moderationWords: wordList(input.moderationWords) } : {}),
        ...(input.blocklistWords ? { blocklistWords: wordList(input.blocklistWords) } : {}),
      };
      const { after } = await repos.sites.saveSettings(site, patch, clock(), c.get('moderator'));
      return c.json({ site, settings: after });
    })
    .post('/threads/lock', async (c) => {
      const input = parse(lockSchema, await jsonBody(c));
      const now = clock();
      const current = await repos.comments.findThread(input.site, input.page);
      // Unlocking a thread that is closed by age restarts its clock, so it opens for another N days.
      const restart = !input.locked && closedByAge(await repos.sites.settings(input.site), current, now);
      const thread = await repos.moderation.setLocked(input.site, input.page, input.locked, restart, c.get('moderator'), now);
      return c.json({ thread: { site: thread.siteId, page: thread.page, locked: thread.locked } });
    });
}
