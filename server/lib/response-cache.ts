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
 *
 * The bodies together stay within `maxBytes` (32 MB unless told): the groups
 * kept longest make room first, and a body larger than an eighth of the
 * budget is not kept at all.
 */
import type { EncodedBody } from '../http/encoding.ts';

export type CachedBody = EncodedBody;

interface Group {
  entries: Map<string, CachedBody>;
  /** Entries kept only until a time of their own (a page holding a signed draw time). */
  until: Map<string, number>;
  expiresAt: number;
  bytes: number;
}

export const CACHE_BYTES = 32 * 1024 * 1024;

export function createResponseCache(options: {
  maxGroups: number;
  maxPerGroup: number;
  externalVersion: () => number;
  clock: () => number;
  maxAliases?: number;
  maxBytes?: number;
}) {
  const groups = new Map<string, Group>();
  const aliases = new Map<string, readonly [string, string]>();
  const maxAliases = options.maxAliases ?? 20_000;
  const maxBytes = options.maxBytes ?? CACHE_BYTES;
  let version = options.externalVersion();
  let bytes = 0;

  function drop(name: string): void {
    const group = groups.get(name);
    if (!group) return;
    bytes -= group.bytes;
    groups.delete(name);
  }

  function dropAll(): void {
    groups.clear();
    bytes = 0;
  }

  function groupOf(name: string): Group | undefined {
    const now = options.externalVersion();
    if (now !== version) {
      dropAll();
      version = now;
    }
    const group = groups.get(name);
    if (group && options.clock() >= group.expiresAt) {
      drop(name);
      return undefined;
    }
    return group;
  }

  const cache = {
    get(name: string, key: string): CachedBody | undefined {
      const group = groupOf(name);
      const until = group?.until.get(key);
      if (group && until !== undefined && options.clock() >= until) {
        remove(group, key, group.entries.get(key)!);
        return undefined;
      }
      return group?.entries.get(key);
    },

    byAlias(alias: string): CachedBody | undefined {
      const target = aliases.get(alias);
      return target && cache.get(target[0], target[1]);
    },

    /** Keeps `body`; `alias` also finds it; `expiresAt` forgets the whole group at that time, `keepUntil` this entry only. */
    set(name: string, key: string, body: CachedBody, alias?: string, expiresAt = Infinity, keepUntil = Infinity): void {
      if (body.bytes > maxBytes / 8) return;
      let group = groupOf(name);
      if (!group) {
        if (groups.size >= options.maxGroups) drop(groups.keys().next().value!);
        group = { entries: new Map(), until: new Map(), expiresAt, bytes: 0 };
        groups.set(name, group);
      }
      group.expiresAt = Math.min(group.expiresAt, expiresAt);
      const replaced = group.entries.get(key);
      if (replaced === body) return void (alias !== undefined && keepAlias(alias, name, key));
      if (replaced) remove(group, key, replaced);
      else if (group.entries.size >= options.maxPerGroup) {
        const oldest = group.entries.keys().next().value!;
        remove(group, oldest, group.entries.get(oldest)!);
      }
      group.entries.set(key, body);
      if (keepUntil !== Infinity) group.until.set(key, keepUntil);
      group.bytes += body.bytes;
      bytes += body.bytes;
      // Over budget: forget the groups kept longest (never the one just written to).
      for (const oldest of groups.keys()) {
        if (bytes <= maxBytes) break;
        if (oldest !== name) drop(oldest);
      }
      if (alias !== undefined) keepAlias(alias, name, key);
    },

    forget(group: string): void {
      drop(group);
    },

    clear(): void {
      dropAll();
    },

    /** The bytes of all bodies kept. */
    bytes: () => bytes,
  };

  function remove(group: Group, key: string, body: CachedBody) {
    group.entries.delete(key);
    group.until.delete(key);
    group.bytes -= body.bytes;
    bytes -= body.bytes;
  }

  function keepAlias(alias: string, name: string, key: string) {
    if (aliases.size >= maxAliases) aliases.clear();
    aliases.set(alias, [name, key]);
  }
  return cache;
}

export type ResponseCache = ReturnType<typeof createResponseCache>;

/** The raw query string of a request (`page=…&limit=…`), the alias of the answer it got. */
export function rawQuery(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}
