/**
 * More of the thread when a reader asks for it: "Load more comments" (the next page) and "Show more
 * replies" (the rest of one long branch). Part of actions.js, so embed.js carries only the buttons
 * (widget/components/thread.tsx, comment-list.tsx) and draws the first page alone.
 */
import { merge } from '../tree.ts';
import type { ThreadStore } from '../store.ts';

/** Appends the next page; resolves to false when it failed (the button says so, and the next click tries again). */
export async function loadMore(s: ThreadStore) {
  const n = s.seq;
  s.more.value = 'loading';
  try {
    const page = await s.fetchPage(s.next.value!);
    if (n != s.seq) return true;
    // Several signals change; Preact draws the thread once for them (its renders are deferred).
    s.show(page, merge(s.comments.value, page.comments));
    s.next.value = page.next;
    s.more.value = '';
    return true;
  } catch (error) {
    console.warn('[parley] could not load more comments', error);
    s.more.value = 'error';
    return false;
  }
}

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
