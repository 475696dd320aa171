import { useState } from 'preact/hooks';
import { useStore } from '../context.ts';
import type { Action, AdminComment } from '../types.ts';
import { actionsFor } from './actions.ts';
import { TextForm } from './text-form.tsx';
import { BanForm } from './ban-form.tsx';
import { fill, strings } from '../strings.ts';

const words = strings.row;

type Open = 'edit' | 'reply' | 'ban' | null;

/** The buttons under a comment, and the inline edit, reply and ban forms they open. */
export function RowActions({ row }: { row: AdminComment }) {
  const { queue } = useStore();
  const [open, setOpen] = useState<Open>(null);
  const current = queue.queue.value;
  const canReply = current !== 'spam' && current !== 'trash';
  const toggle = (what: Open) => setOpen(open === what ? null : what);

  function act(action: Action) {
    if (action === 'delete' && !confirm(words.confirmDelete)) return;
    void queue.act(action, [row.id]);
  }

  return (
    <div class="actions">
      <div class="buttons">
        {actionsFor(current).map(([action, label]) => (
          <button
            key={action}
            type="button"
            class={action === 'approve' || action === 'restore' ? 'primary' : action === 'delete' ? 'danger' : ''}
            onClick={() => act(action)}
          >
            {label}
          </button>
        ))}
        <button type="button" aria-expanded={open === 'edit'} onClick={() => toggle('edit')}>
          {words.edit}
        </button>
        {canReply && (
          <button type="button" aria-expanded={open === 'reply'} onClick={() => toggle('reply')}>
            {words.reply}
          </button>
        )}
        <button type="button" aria-expanded={open === 'ban'} onClick={() => toggle('ban')}>
          {words.ban}
        </button>
        {row.parent === null && row.status === 'approved' && (
          <button type="button" aria-pressed={row.pinned} onClick={() => void queue.pin(row.id, !row.pinned)}>
            {row.pinned ? words.unpin : words.pin}
          </button>
        )}
        <button type="button" onClick={() => void queue.lock(row, !row.thread.locked)}>
          {row.thread.locked ? words.unlockThread : words.lockThread}
        </button>
      </div>
      {open === 'edit' && (
        <TextForm
          label={fill(words.editLabel, { id: row.id })}
          initial={row.text}
          submit={strings.common.save}
          onCancel={() => setOpen(null)}
          onSubmit={async (text) => (await queue.edit(row.id, text)) && setOpen(null)}
        />
      )}
      {open === 'reply' && (
        <TextForm
          label={fill(words.replyLabel, { name: row.author.name || words.replyToNameless })}
          initial=""
          submit={words.publishReply}
          onCancel={() => setOpen(null)}
          onSubmit={async (text) => (await queue.reply(row.id, text)) && setOpen(null)}
        />
      )}
      {open === 'ban' && <BanForm row={row} onDone={() => setOpen(null)} />}
    </div>
  );
}
