/**
 * Serialised responses kept per group (a thread, a site's counts) until
 * something in the group changes. Reads of a hot thread then cost a Map
 * lookup instead of two queries and a JSON.stringify.
 *
 * `externalVersion` changes when another connection wrote to the database
 * (an import, a second process); the whole cache is forgotten then.
 */
export function createResponseCache(options: { maxGroups: number; maxPerGroup: number; externalVersion: () => number }) {
  const groups = new Map<string, Map<string, string>>();
  let version = options.externalVersion();

  function fresh(): void {
    const now = options.externalVersion();
    if (now !== version) {
      groups.clear();
      version = now;
    }
  }

  return {
    get(group: string, key: string): string | undefined {
      fresh();
      return groups.get(group)?.get(key);
    },
    set(group: string, key: string, body: string): void {
      let entries = groups.get(group);
      if (!entries) {
        if (groups.size >= options.maxGroups) groups.delete(groups.keys().next().value!);
        entries = new Map();
        groups.set(group, entries);
      }
      if (entries.size >= options.maxPerGroup) entries.delete(entries.keys().next().value!);
      entries.set(key, body);
    },
    forget(group: string): void {
      groups.delete(group);
    },
    /** Forgets everything (a site's rules changed). */
    clear(): void {
      groups.clear();
    },
  };
}

export type ResponseCache = ReturnType<typeof createResponseCache>;
