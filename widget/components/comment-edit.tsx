import { useSignal } from '@preact/signals';
import { useStore } from '../context.ts';
import type { Comment } from '../types.ts';
import { CommentError } from './comment-error.tsx';
import { focusOnMount } from './focus.ts';

/** The body of one's own comment turned into a textarea with Save / Cancel. */
export function CommentEdit({ c }: { c: Comment }) {
  const s = useStore();
  const t = s.t;
  const text = useSignal(s.source(c));
  const busy = useSignal(false);
  const done = () => (s.editing.value = null);
  const save = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    if (await s.attempt(c.id, () => s.edit(c.id, text.value))) done();
    busy.value = false;
  };
  return (
    <form class="parley-edit" onSubmit={save}>
      <textarea ref={focusOnMount} aria-label={t.comment} rows={4} value={text} onInput={(e) => (text.value = e.currentTarget.value)} />
      <CommentError id={c.id} />
      <button class="parley-button" disabled={busy.value}>
        {t.save}
      </button>{' '}
      <button type="button" onClick={done}>
        {t.cancel}
      </button>
    </form>
  );
}
