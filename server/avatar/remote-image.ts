import type { AvatarImage } from './gravatar.ts';
import { isPublicHost } from './public-address.ts';

/**
 * Fetches a signed-in reader's avatar from their provider on the server's
 * side, so the host page makes no third-party request. Only images (PNG,
 * JPEG, GIF, WebP) up to 512 KB; redirects are followed up to three times;
 * answers (found or not) are kept for a day.
 *
 * Every hop must be https to a public address, unless its host is one the
 * blog owner configured (`trustedHosts`: the providers' own endpoints): an
 * avatar URL is whatever a provider — any Mastodon instance — says it is.
 */
export function createRemoteImageFetcher(options: { clock: () => number; trustedHosts?: ReadonlySet<string>; timeoutMs?: number; maxEntries?: number }) {
  const trusted = options.trustedHosts ?? new Set<string>();
  const allowed = async (url: URL) => trusted.has(url.host) || (url.protocol === 'https:' && (await isPublicHost(url.hostname)));
  const cache = new Map<string, { at: number; image: AvatarImage | null }>();
  const ttl = 24 * 60 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 5000;

  async function get(url: string): Promise<AvatarImage | null> {
    const signal = AbortSignal.timeout(options.timeoutMs ?? 3000);
    let target = new URL(url);
    for (let hop = 0; hop < 4; hop++) {
      if (!(await allowed(target))) return null;
      const response = await fetch(target, { signal, redirect: 'manual', headers: { Accept: 'image/*', 'User-Agent': 'Parley' } });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        target = new URL(location, target);
        continue;
      }
      const type = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
      if (!response.ok || !/^image\/(png|jpeg|gif|webp)$/.test(type)) {
        await response.body?.cancel();
        return null;
      }
      const body = new Uint8Array(await response.arrayBuffer());
      return body.byteLength <= 512 * 1024 ? { body, type } : null;
    }
    return null;
  }

  return {
    async image(url: string): Promise<AvatarImage | null> {
      if (!url) return null;
      const hit = cache.get(url);
      if (hit && options.clock() - hit.at < ttl) return hit.image;
      const image = await get(url).catch(() => null);
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(url, { at: options.clock(), image });
      return image;
    },
  };
}
