import { useStore } from '../context.ts';
import type { Action } from '../types.ts';
import { actionsFor } from './actions.ts';
import { fill, strings } from '../strings.ts';

const words = strings.queue.bulk;

/** Past this many comments, a bulk action asks first. */
const CONFIRM_ABOVE = 10;

/**
 * Select all, and apply one action to every selected comment. No action is chosen when a queue
 * opens (the menu is made anew for each queue, site and search, so it never keeps another
 * screen's choice): Apply does nothing until the moderator picks one.
 */
export function BulkBar() {
  const { queue, site } = useStore();
  const search = queue.search.value;
  const screen = [queue.queue.value, site.value, search.in, search.q].join('\n');
  const rows = queue.rows.value;
  const selected = queue.selected.value;
  const all = rows.length > 0 && rows.every((row) => selected.has(row.id));

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const action = String(new FormData(event.currentTarget as HTMLFormElement).get('action')) as Action;
    if (action === 'delete' && !confirm(fill(words.confirmDelete, { n: selected.size }))) return;
    const label = actionsFor(queue.queue.value).find(([id]) => id === action)?.[1] ?? action;
    if (action !== 'delete' && selected.size > CONFIRM_ABOVE && !confirm(fill(words.confirmMany, { action: label, n: selected.size }))) return;
    void queue.act(action, [...selected]);
  }

  return (
    <form class="bulk" onSubmit={submit} aria-label={words.label}>
      <label>
        <input type="checkbox" checked={all} disabled={!rows.length} onChange={(e) => queue.selectAll((e.currentTarget as HTMLInputElement).checked)} />{' '}
        {words.selectAll}
      </label>
      <label for="bulk-action">{fill(words.withSelected, { n: selected.size })}</label>
      <select id="bulk-action" name="action" key={screen} required>
        <option value="" selected disabled>
          {words.choose}
        </option>
        {actionsFor(queue.queue.value).map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </select>
      <button type="submit" disabled={!selected.size}>
        {words.apply}
      </button>
    </form>
  );
}
