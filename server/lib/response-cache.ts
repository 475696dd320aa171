/**
 * Serialised responses kept per group (a thread, a site's counts) until
 * something in the group changes, or until the group's expiry time (a thread
 * that closes by age). Reads of a hot thread then cost a Map lookup instead of
 * two queries and a JSON.stringify.
 *
 * An entry may also be found by an alias — the raw query string of the
 * request that made it — so a repeated request is answered before its query
 * is even parsed. Aliases are only shortcuts: one whose entry was forgotten
 * misses, and the request takes the long way.
 *
 * `externalVersion` changes when another connection wrote to the database
 * (an import, a second process); the whole cache is forgotten then.
 *
 * Each entry keeps its brotli and gzip forms beside the raw bytes (made once,
 * by `encodedBody`, when the entry is made), so a compressed read costs no
 * more than a raw one; `body.bytes` counts all three.
 */
import type { EncodedBody } from '../http/encoding.ts';

export type CachedBody = EncodedBody;

interface Group {
  entries: Map<string, CachedBody>;
  expiresAt: number;
}

export function createResponseCache(options: {
  maxGroups: number;
  maxPerGroup: number;
  externalVersion: () => number;
  clock: () => number;
  maxAliases?: number;
}) {
  const groups = new Map<string, Group>();
  const aliases = new Map<string, readonly [string, string]>();
  const maxAliases = options.maxAliases ?? 20_000;
  let version = options.externalVersion();

  function groupOf(name: string): Group | undefined {
    const now = options.externalVersion();
    if (now !== version) {
      groups.clear();
      version = now;
    }
    const group = groups.get(name);
    if (group && options.clock() >= group.expiresAt) {
      groups.delete(name);
      return undefined;
    }
    return group;
  }

  const cache = {
    get: (group: string, key: string): CachedBody | undefined => groupOf(group)?.entries.get(key),

    byAlias(alias: string): CachedBody | undefined {
      const target = aliases.get(alias);
      return target && cache.get(target[0], target[1]);
    },

    /** Keeps `body`; `alias` also finds it; `expiresAt` forgets the whole group at that time. */
    set(name: string, key: string, body: CachedBody, alias?: string, expiresAt = Infinity): void {
      let group = groupOf(name);
      if (!group) {
        if (groups.size >= options.maxGroups) groups.delete(groups.keys().next().value!);
        group = { entries: new Map(), expiresAt };
        groups.set(name, group);
      }
      group.expiresAt = Math.min(group.expiresAt, expiresAt);
      if (group.entries.size >= options.maxPerGroup) group.entries.delete(group.entries.keys().next().value!);
      group.entries.set(key, body);
      if (alias !== undefined) {
        if (aliases.size >= maxAliases) aliases.clear();
        aliases.set(alias, [name, key]);
      }
    },

    forget(group: string): void {
      groups.delete(group);
    },

    clear(): void {
      groups.clear();
    },
  };
  return cache;
}

export type ResponseCache = ReturnType<typeof createResponseCache>;

/** The raw query string of a request (`page=…&limit=…`), the alias of the answer it got. */
export function rawQuery(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}
