/** The response cache's group of one thread (server/lib/response-cache.ts): its JSON pages and its HTML, forgotten together on a write. */
export const threadGroup = (site: string, page: string) => `${site}\n${page}`;
