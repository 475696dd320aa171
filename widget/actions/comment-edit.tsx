import type { Comment } from '../types.ts';
import { htmlToText } from '../format.ts';
import { focusOnMount } from './focus.ts';
import { CommentError, useSignal, useStore } from './kit.ts';
import { edit, source } from './changes.ts';

/** The body of one's own comment turned into a textarea with Save / Cancel, starting from its Markdown. */
export function CommentEdit({ c }: { c: Comment }) {
  const s = useStore();
  const text = useSignal(source(s, c) ?? htmlToText(c.html));
  const busy = useSignal(false);
  const done = () => (s.editing.value = null);
  const save = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    if (await s.attempt(c.id, () => edit(s, c.id, text.value))) done();
    busy.value = false;
  };
  return (
    <form class="parley-edit" onSubmit={save}>
      <textarea ref={focusOnMount} aria-label={s.t.comment} rows={4} value={text} onInput={(e) => (text.value = e.currentTarget.value)} />
      <CommentError id={c.id} />
      <button type="submit" class="parley-button" disabled={busy.value}>
        {s.t.save}
      </button>{' '}
      <button type="button" onClick={done}>
        {s.t.cancel}
      </button>
    </form>
  );
}
