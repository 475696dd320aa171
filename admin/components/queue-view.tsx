import { useEffect } from 'preact/hooks';
import { useStore } from '../context.ts';
import type { Queue } from '../types.ts';
import { CommentRow } from './comment-row.tsx';
import { SearchForm } from './search-form.tsx';
import { BulkBar } from './bulk-bar.tsx';
import { useShortcuts } from './shortcuts.ts';

const TABS: Array<[Queue, string]> = [
  ['pending', 'Pending'],
  ['reported', 'Reported'],
  ['approved', 'Approved'],
  ['spam', 'Spam'],
  ['trash', 'Trash'],
];

/** The moderation queues: tabs with counts, search, bulk actions, the rows, keyboard shortcuts. */
export function QueueView() {
  const { queue } = useStore();
  useShortcuts(queue);
  useEffect(() => {
    if (!queue.rows.value.length && !queue.loading.value) void queue.reload();
  }, []);
  const current = queue.queue.value;
  const rows = queue.rows.value;

  return (
    <section aria-labelledby="queue-heading">
      <h1 id="queue-heading">Comments</h1>
      <nav aria-label="Queues" class="tabs">
        {TABS.map(([id, label]) => (
          <button key={id} type="button" aria-current={current === id ? 'page' : undefined} onClick={() => void queue.open(id)}>
            {label} <span class="count">{queue.counts.value?.[id] ?? '…'}</span>
          </button>
        ))}
      </nav>
      <SearchForm />
      <p class="hint" id="shortcut-help">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> next and previous, <kbd>a</kbd> approve, <kbd>s</kbd> spam, <kbd>t</kbd> trash, <kbd>x</kbd> select.
      </p>
      <BulkBar />
      {rows.length === 0 ? (
        <p class="empty">{queue.loading.value ? 'Loading…' : 'Nothing here.'}</p>
      ) : (
        <ol class="rows" aria-label={`${TABS.find(([id]) => id === current)![1]} comments`}>
          {rows.map((row, index) => (
            <CommentRow key={row.id} row={row} focused={index === queue.focused.value} index={index} />
          ))}
        </ol>
      )}
      {queue.next.value !== null && (
        <button type="button" onClick={() => void queue.loadMore()} disabled={queue.loading.value}>
          Load more
        </button>
      )}
    </section>
  );
}
