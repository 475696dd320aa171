/** Builders shared by the widget's unit tests. */
import { vi } from 'vitest';
import type { Comment } from './types.ts';

export const comment = (id: number, parent: number | null = null, extra: Partial<Comment> = {}): Comment => ({
  id,
  parent,
  page: '/p/',
  depth: parent ? 2 : 1,
  author: { name: 'Reader ' + id, url: '', avatar: '/avatar/' + id, isModerator: false },
  html: `<p>Comment ${id}</p>`,
  createdAt: '2026-11-21T21:44:00.000Z',
  editedAt: null,
  likes: 0,
  status: 'approved',
  mine: false,
  ...extra,
});

/** An in-memory localStorage for Node. */
export function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
  };
}

/** What the store and actions.js touch of the host page besides storage, in Node: no count links, events go nowhere. */
export function stubPage() {
  vi.stubGlobal('document', { querySelector: () => null });
  vi.stubGlobal('dispatchEvent', () => true);
}
