import { useState } from 'preact/hooks';
import { useStore } from '../context.ts';
import type { Action, AdminComment } from '../types.ts';
import { actionsFor } from './actions.ts';
import { TextForm } from './text-form.tsx';
import { BanForm } from './ban-form.tsx';

type Open = 'edit' | 'reply' | 'ban' | null;

/** The buttons under a comment, and the inline edit, reply and ban forms they open. */
export function RowActions({ row }: { row: AdminComment }) {
  const { queue } = useStore();
  const [open, setOpen] = useState<Open>(null);
  const current = queue.queue.value;
  const canReply = current !== 'spam' && current !== 'trash';
  const toggle = (what: Open) => setOpen(open === what ? null : what);

  function act(action: Action) {
    if (action === 'delete' && !confirm('Delete this comment permanently? This cannot be undone.')) return;
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
          Edit
        </button>
        {canReply && (
          <button type="button" aria-expanded={open === 'reply'} onClick={() => toggle('reply')}>
            Reply
          </button>
        )}
        <button type="button" aria-expanded={open === 'ban'} onClick={() => toggle('ban')}>
          Ban…
        </button>
        <button type="button" onClick={() => void queue.lock(row, !row.thread.locked)}>
          {row.thread.locked ? 'Unlock thread' : 'Lock thread'}
        </button>
      </div>
      {open === 'edit' && (
        <TextForm
          label={`Text of comment ${row.id}`}
          initial={row.text}
          submit="Save"
          onCancel={() => setOpen(null)}
          onSubmit={async (text) => (await queue.edit(row.id, text)) && setOpen(null)}
        />
      )}
      {open === 'reply' && (
        <TextForm
          label={`Reply to ${row.author.name || 'this comment'} as a moderator`}
          initial=""
          submit="Publish reply"
          onCancel={() => setOpen(null)}
          onSubmit={async (text) => (await queue.reply(row.id, text)) && setOpen(null)}
        />
      )}
      {open === 'ban' && <BanForm row={row} onDone={() => setOpen(null)} />}
    </div>
  );
}
