import { useStore } from '../context.ts';
import { errorText } from '../format.ts';

/** The failure of the last action on comment `id`, if it failed. */
export function CommentError({ id }: { id: number }) {
  const s = useStore();
  const f = s.failure.value;
  return f?.id == id ? (
    <p role="alert" class="parley-error">
      {errorText(s.t, f.error)}
    </p>
  ) : null;
}
