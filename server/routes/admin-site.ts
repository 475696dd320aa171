import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import type { AdminEnv } from '../auth/admin-session.ts';
import { parse } from '../http/validate.ts';
import { jsonBody } from '../http/json-body.ts';
import { lockSchema, requiredSiteSchema, settingsSchema, threadMetaSchema, threadQuerySchema } from '../moderation/admin-schemas.ts';
import type { Thread } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { closedByAge } from '../moderation/decide.ts';
import { wordList } from '../moderation/words.ts';

/** A thread's title and date as the admin view edits them, and where they came from. */
const threadJson = (thread: Thread) => ({
  site: thread.siteId,
  page: thread.page,
  title: thread.title,
  locked: thread.locked,
  published: thread.publishedAt === null ? null : new Date(thread.publishedAt).toISOString(),
  source: thread.metaSource,
});

const noThread = () => notFound('No one has commented on that page yet: there is no thread to change.');

/** Sites, each site's moderation rules, locking a thread and correcting its title and date. */
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
    })
    .get('/threads', async (c) => {
      const q = parse(threadQuerySchema, c.req.query());
      const thread = await repos.comments.findThread(q.site, q.page);
      if (!thread) throw noThread();
      return c.json({ thread: threadJson(thread) });
    })
    .put('/threads', async (c) => {
      const input = parse(threadMetaSchema, await jsonBody(c));
      const publishedAt = input.published === null ? null : Date.parse(input.published);
      const thread = await repos.moderation.setThreadMeta(input.site, input.page, { title: input.title, publishedAt }, c.get('moderator'), clock());
      if (!thread) throw noThread();
      return c.json({ thread: threadJson(thread) });
    });
}
