import { focusOnMount } from './focus.ts';
import { useSignal, useStore } from './kit.ts';
import { report } from './changes.ts';

/** Report a comment to the moderators, with an optional reason; once per reader. */
export function CommentReport({ id }: { id: number }) {
  const s = useStore();
  const reason = useSignal('');
  const send = (e: Event) => {
    e.preventDefault();
    s.attempt(id, () => report(s, id, reason.value));
  };
  return (
    <form class="parley-edit" onSubmit={send}>
      <label>
        {s.t.reason} <input ref={focusOnMount} maxLength={500} value={reason} onInput={(e) => (reason.value = e.currentTarget.value)} />
      </label>{' '}
      <button type="submit">{s.t.report}</button>
      <button type="button" onClick={() => (s.reporting.value = null)}>
        {s.t.cancel}
      </button>
    </form>
  );
}
