import { useStore } from '../context.ts';
import type { Comment } from '../types.ts';
import { CommentError } from './comment-error.tsx';
import { CommentReport } from './comment-report.tsx';
import { focusOnMount } from './focus.ts';

/** Reply, Like and, for the reader's own comment while the window is open, Edit and Delete (asked in place). */
export function CommentActions({ c }: { c: Comment }) {
  const s = useStore();
  const t = s.t;
  const open = c.status == 'approved';
  return (
    <div class="parley-actions">
      {s.reporting.value == c.id ? (
        <CommentReport id={c.id} />
      ) : s.asking.value == c.id ? (
        <>
          {t.confirmDelete}{' '}
          <button ref={focusOnMount} onClick={() => s.attempt(c.id, () => s.remove(c.id))}>
            {t.del}
          </button>
          <button onClick={() => (s.asking.value = null)}>{t.cancel}</button>
        </>
      ) : (
        <>
          {open && !s.thread.value!.locked && <button onClick={() => s.setReply(c.id)}>{t.reply}</button>}
          {open && (
            <button aria-pressed={s.liked.value.includes(c.id)} onClick={() => s.attempt(c.id, () => s.like(c.id))}>
              {t.like}
              {c.likes > 0 && ' ' + c.likes}
            </button>
          )}
          {open && !c.mine && (
            <button disabled={s.reported.value.includes(c.id)} onClick={() => (s.reporting.value = c.id)}>
              {s.reported.value.includes(c.id) ? t.reported : t.report}
            </button>
          )}
          {s.canEdit(c) && (
            <>
              <button onClick={() => (s.editing.value = c.id)}>{t.edit}</button>
              <button onClick={() => (s.asking.value = c.id)}>{t.del}</button>
            </>
          )}
        </>
      )}
      <CommentError id={c.id} />
    </div>
  );
}
