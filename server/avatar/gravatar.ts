import { createHash } from 'node:crypto';

export interface AvatarImage {
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

/**
 * Fetches Gravatar images on the server's side, so the host page never calls a
 * third party and the email hash never reaches the browser. Answers (found or
 * not) are remembered for a day; a slow or failing Gravatar counts as "none".
 */
export function createGravatarFetcher(options: { baseUrl: string; clock: () => number; timeoutMs?: number; maxEntries?: number }) {
  const cache = new Map<string, { at: number; image: AvatarImage | null }>();
  const ttl = 24 * 60 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 5000;

  async function fetchImage(email: string): Promise<AvatarImage | null> {
    const hash = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    try {
      const response = await fetch(`${options.baseUrl}/avatar/${hash}?s=80&d=404`, {
        signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
        redirect: 'error',
      });
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || !/^image\/(png|jpeg|gif|webp)$/.test(type)) return null;
      const body = new Uint8Array(await response.arrayBuffer());
      return body.byteLength <= 512 * 1024 ? { body, type } : null;
    } catch {
      return null;
    }
  }

  return {
    async image(email: string): Promise<AvatarImage | null> {
      if (!options.baseUrl || !email) return null;
      const hit = cache.get(email);
      if (hit && options.clock() - hit.at < ttl) return hit.image;
      const image = await fetchImage(email);
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(email, { at: options.clock(), image });
      return image;
    },
  };
}
