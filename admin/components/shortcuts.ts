import { useEffect } from 'preact/hooks';
import type { QueueStore } from '../queue-store.ts';
import type { Action } from '../types.ts';

/** Approve, spam and trash per queue (the spam and trash queues restore instead of approving). */
function actionFor(key: string, queue: string): Action | null {
  if (key === 'a') return queue === 'spam' || queue === 'trash' ? 'restore' : 'approve';
  if (key === 's') return queue === 'spam' ? null : 'spam';
  if (key === 't') return queue === 'trash' ? null : 'trash';
  return null;
}

/** j/k move between rows, a/s/t act on the focused row, x selects it; keys typed into fields are left alone. */
export function useShortcuts(queue: QueueStore) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable]')) return;
      const row = queue.focusedRow.value;
      if (event.key === 'j' || event.key === 'k') {
        queue.move(event.key === 'j' ? 1 : -1);
        document.querySelector<HTMLElement>(`[data-row="${queue.focused.value}"]`)?.focus();
      } else if (event.key === 'x' && row) {
        queue.toggle(row.id, !queue.selected.value.has(row.id));
      } else {
        const action = actionFor(event.key, queue.queue.value);
        if (!action || !row) return;
        void queue.act(action, [row.id]).then(() => document.querySelector<HTMLElement>(`[data-row="${queue.focused.value}"]`)?.focus());
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [queue]);
}
