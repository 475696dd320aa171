/**
 * "Show more replies": the rest of one long branch, fetched when a reader asks for it. Part of
 * actions.js, so embed.js carries only the button (widget/components/comment-list.tsx).
 */
import { merge } from '../tree.ts';
import type { ThreadStore } from '../store.ts';

/** Loads the rest of the branch under top-level comment `root`; a failure is shown beside its button, and the next click tries again. */
export async function loadBranch(s: ThreadStore, root: number) {
  const n = s.seq;
  s.branching.value = { root, failed: false };
  try {
    const page = await s.fetchPage(s.branches.value[root], root);
    if (n != s.seq) return;
    const rest = { ...s.branches.value };
    delete rest[root];
    // Several signals change; Preact draws the thread once for them (its renders are deferred).
    s.branches.value = rest;
    s.show(page, merge(s.comments.value, page.comments));
    s.branching.value = null;
  } catch (error) {
    console.warn('[parley] could not load more replies', error);
    s.branching.value = { root, failed: true };
  }
}
