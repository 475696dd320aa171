import { focusOnMount } from './focus.ts';
import { useStore } from './kit.ts';
import { remove } from './changes.ts';

/** Delete, asked in place: a comment with replies stays as a placeholder. */
export function ConfirmDelete({ id }: { id: number }) {
  const s = useStore();
  return (
    <>
      {s.t.confirmDelete}{' '}
      <button type="button" ref={focusOnMount} onClick={() => s.attempt(id, () => remove(s, id))}>
        {s.t.del}
      </button>
      <button type="button" onClick={() => (s.asking.value = null)}>
        {s.t.cancel}
      </button>
    </>
  );
}
