import type { Comment } from './types.ts';

/**
 * Children of each comment id (0 for the top level): the top level in the order the server sent it,
 * replies oldest first (a long branch arrives in pieces, a permalink's reply before those above it).
 * A reply whose parent is not (yet) loaded is shown at the top level rather than lost.
 */
export function buildTree(comments: Comment[]): Map<number, Comment[]> {
  const ids = new Set(comments.map((c) => c.id));
  const tree = new Map<number, Comment[]>();
  for (const c of comments) {
    const key = c.parent && ids.has(c.parent) ? c.parent : 0;
    tree.get(key)?.push(c) ?? tree.set(key, [c]);
  }
  for (const [key, kids] of tree) if (key) kids.sort(byAge);
  return tree;
}

const byAge = (a: Comment, b: Comment) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id);

/** `list` with `incoming` merged in: known ids replaced in place, new ones appended (or prepended). */
export function merge(list: Comment[], incoming: Comment[], first = false): Comment[] {
  const byId = new Map(incoming.map((c) => [c.id, c]));
  const have = new Set(list.map((c) => c.id));
  const kept = list.map((c) => byId.get(c.id) ?? c);
  const added = incoming.filter((c) => !have.has(c.id));
  return first ? [...added, ...kept] : [...kept, ...added];
}
