import { useEffect } from 'preact/hooks';
import { useStore } from '../context.ts';
import type { Queue } from '../types.ts';
import { CommentRow } from './comment-row.tsx';
import { SearchForm } from './search-form.tsx';
import { BulkBar } from './bulk-bar.tsx';
import { useShortcuts } from './shortcuts.ts';
import { fill, fillParts, strings } from '../strings.ts';

const words = strings.queue;

const TABS: Queue[] = ['pending', 'reported', 'approved', 'spam', 'trash'];

/** The shortcut keys the hint shows, each as a `<kbd>` (the keys themselves: components/shortcuts.ts). */
const keys = () => Object.fromEntries(['j', 'k', 'a', 's', 't', 'x'].map((key) => [key, <kbd>{key}</kbd>]));

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
      <h1 id="queue-heading">{words.heading}</h1>
      <nav aria-label={words.tabsLabel} class="tabs">
        {TABS.map((id) => (
          <button key={id} type="button" aria-current={current === id ? 'page' : undefined} onClick={() => void queue.open(id)}>
            {words.tabs[id]} <span class="count">{queue.counts.value?.[id] ?? words.countLoading}</span>
          </button>
        ))}
      </nav>
      <SearchForm />
      <p class="hint" id="shortcut-help">
        {fillParts(words.shortcuts, keys())}
      </p>
      <BulkBar />
      {rows.length === 0 ? (
        <p class="empty">{queue.loading.value ? strings.common.loading : words.empty}</p>
      ) : (
        <ol class="rows" aria-label={fill(words.rowsLabel, { queue: words.tabs[current] })}>
          {rows.map((row, index) => (
            <CommentRow key={row.id} row={row} focused={index === queue.focused.value} index={index} />
          ))}
        </ol>
      )}
      {queue.next.value !== null && (
        <button type="button" onClick={() => void queue.loadMore()} disabled={queue.loading.value}>
          {strings.common.loadMore}
        </button>
      )}
    </section>
  );
}
