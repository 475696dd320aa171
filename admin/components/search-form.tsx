import { useStore } from '../context.ts';
import type { SearchField } from '../types.ts';

const FIELDS: Array<[SearchField, string]> = [
  ['all', 'Everything'],
  ['text', 'Text'],
  ['author', 'Author'],
  ['email', 'Email'],
  ['ip', 'IP address'],
  ['page', 'Page'],
];

export function SearchForm() {
  const { queue } = useStore();
  function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    void queue.find(String(form.get('q') ?? ''), String(form.get('in') ?? 'all') as SearchField);
  }
  return (
    <form class="search" role="search" onSubmit={submit}>
      <label for="search-q">Search</label>
      <input id="search-q" name="q" type="search" value={queue.search.value.q} maxLength={200} />
      <label for="search-in">in</label>
      <select id="search-in" name="in" value={queue.search.value.in}>
        {FIELDS.map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </select>
      <button type="submit">Search</button>
    </form>
  );
}
