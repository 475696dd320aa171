import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { identicon } from '../avatar/identicon.ts';
import { createGravatarFetcher } from '../avatar/gravatar.ts';
import { createRemoteImageFetcher } from '../avatar/remote-image.ts';
import { configuredProviderHosts } from '../auth/auth-config.ts';

/** `/avatar/KEY`: the signed-in account's picture or the commenter's Gravatar, fetched by the server, or a generated identicon. */
export function avatarRoutes(deps: Deps) {
  const gravatar = createGravatarFetcher({ baseUrl: deps.config.gravatarUrl, clock: deps.clock });
  const remote = createRemoteImageFetcher({ clock: deps.clock, trustedHosts: configuredProviderHosts(deps.config.auth) });
  const caching = { 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff' };

  return new Hono().get('/avatar/:key', async (c) => {
    const key = c.req.param('key');
    if (!/^[a-f0-9]{32}$/.test(key)) return c.body(identicon(key), 200, { ...caching, 'Content-Type': 'image/svg+xml' });
    const accountAvatar = await deps.repos.accounts.avatarUrl(key);
    // An account without a picture of its own (signed in by email): the Gravatar of its comments' address.
    const email = !accountAvatar ? await deps.repos.comments.emailForAvatar(key) : undefined;
    const image = accountAvatar ? await remote.image(accountAvatar) : email ? await gravatar.image(email) : null;
    if (image) return c.body(image.body, 200, { ...caching, 'Content-Type': image.type });
    return c.body(identicon(key), 200, {
      ...caching,
      'Content-Type': 'image/svg+xml',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
  });
}
