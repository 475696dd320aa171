import { getHeld, moderate } from '../api.ts';
import { merge } from '../tree.ts';
import { banAuthor } from './ban.ts';
import { useStore } from '../actions/kit.ts';
import type { ThreadStore } from '../store.ts';
import type { Comment } from '../types.ts';

/** Reloads the thread, then draws the thread's held comments in it (they never come with the public thread). */
export async function showHeld(s: ThreadStore) {
  const { comments } = await getHeld(s.o.base, s.o.page, s.o.site);
  s.comments.value = merge(s.comments.value, comments);
}

async function after(s: ThreadStore) {
  await s.load(true);
  await showHeld(s);
}

/** Approve (a held comment), Spam, Trash, Pin or Unpin (a published top-level one), Lock or Unlock the thread, Ban its author (ban.ts). */
export function ModTools({ c }: { c: Comment }) {
  const s = useStore();
  const m = s.t.moderate;
  const locked = s.thread.value!.locked;
  const send = (path: string, body: unknown) => moderate(s.o.base, path, body);
  const act = (run: () => Promise<unknown>, said = '') =>
    s.attempt(c.id, async () => {
      await run();
      await after(s);
      if (said) s.news.value = said;
    });
  const status = (action: string) => act(() => send('actions', { action, ids: [c.id] }));
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of buttons named as one group; a fieldset is for form fields
    <div class="parley-mod" role="group" aria-label={m.label}>
      {c.status == 'pending' && (
        <button type="button" onClick={() => status('approve')}>
          {m.approve}
        </button>
      )}
      <button type="button" onClick={() => status('spam')}>
        {m.spam}
      </button>
      <button type="button" onClick={() => status('trash')}>
        {m.trash}
      </button>
      {!c.parent && c.status == 'approved' && (
        <button type="button" aria-pressed={!!c.pinned} onClick={() => act(() => send(`comments/${c.id}/pin`, { pinned: !c.pinned }))}>
          {c.pinned ? m.unpin : m.pin}
        </button>
      )}
      <button type="button" onClick={() => act(() => send('threads/lock', { site: s.o.site || 'default', page: s.o.page, locked: !locked }))}>
        {locked ? m.unlock : m.lock}
      </button>
      <button type="button" onClick={() => act(() => banAuthor(send, c, m.label), m.banned)}>
        {m.ban}
      </button>
    </div>
  );
}
