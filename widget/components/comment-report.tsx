import { useSignal } from '@preact/signals';
import { useStore } from '../context.ts';
import { focusOnMount } from './focus.ts';

/** Report a comment to the moderators, with an optional reason; once per reader. */
export function CommentReport({ id }: { id: number }) {
  const s = useStore();
  const t = s.t;
  const reason = useSignal('');
  const send = (e: Event) => {
    e.preventDefault();
    s.attempt(id, () => s.report(id, reason.value));
  };
  return (
    <form class="parley-edit" onSubmit={send}>
      <label>
        {t.reason} <input ref={focusOnMount} maxLength={500} value={reason} onInput={(e) => (reason.value = e.currentTarget.value)} />
      </label>{' '}
      <button>{t.report}</button>
      <button type="button" onClick={() => (s.reporting.value = null)}>
        {t.cancel}
      </button>
    </form>
  );
}
