import type { Signal } from '@preact/signals';
import { useStore } from '../context.ts';
import { fmt, plural } from '../format.ts';
import type { Comment } from '../types.ts';
import { CommentError } from './comment-error.tsx';
import { CommentReport, ConfirmDelete, act, openForm, preload } from './on-demand.ts';

/** Reply, Like, Report and, for the reader's own comment while the window is open, Edit and Delete (asked in place). */
export function CommentActions({ c }: { c: Comment }) {
  const s = useStore();
  const t = s.t;
  const open = c.status == 'approved';
  const reported = s.reported.value.includes(c.id);
  const takeFocus = (el: HTMLElement | null) => {
    if (el) {
      s.refocus = '';
      el.focus();
    }
  };
  /** A button opening one of the on-demand forms; it takes the focus back when that form closes. */
  const who = { name: c.author.name };
  const opener = (form: Signal<number | null>, name: string, label: string, aria?: string) => (
    <button
      ref={s.refocus == name + c.id ? takeFocus : undefined}
      aria-label={aria}
      disabled={name == 'report' && reported}
      onClick={() => openForm(s, form, c.id, name + c.id)}
    >
      {label}
    </button>
  );
  return (
    <div class="parley-actions" onPointerEnter={() => preload(s)} onFocusIn={() => preload(s)}>
      {s.reporting.value == c.id ? (
        <CommentReport id={c.id} />
      ) : s.asking.value == c.id ? (
        <ConfirmDelete id={c.id} />
      ) : (
        <>
          {open && !s.thread.value!.locked && (
            <button aria-label={fmt(t.replyLabel, who)} onClick={() => act(s, c.id, () => s.setReply(c.id))}>
              {t.reply}
            </button>
          )}
          {open && (
            <button
              aria-label={fmt(t.likeLabel, who) + (c.likes > 0 ? ', ' + plural(t.lang, t.likes, c.likes) : '')}
              aria-pressed={s.liked.value.includes(c.id)}
              onClick={() => act(s, c.id, (a) => a.like(s, c.id))}
            >
              {t.like}
              {c.likes > 0 && ' ' + c.likes}
            </button>
          )}
          {open && !c.mine && opener(s.reporting, 'report', reported ? t.reported : t.report, reported ? undefined : fmt(t.reportLabel, who))}
          {s.canEdit(c) && (
            <>
              {opener(s.editing, 'edit', t.edit)}
              {opener(s.asking, 'delete', t.del)}
            </>
          )}
        </>
      )}
      <CommentError id={c.id} />
    </div>
  );
}
