import { useStore } from '../context.ts';
import { strings } from '../strings.ts';
import type { SearchField } from '../types.ts';

const words = strings.queue.search;
const FIELDS: SearchField[] = ['all', 'text', 'author', 'email', 'ip', 'page'];

export function SearchForm() {
  const { queue } = useStore();
  function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    void queue.find(String(form.get('q') ?? ''), String(form.get('in') ?? 'all') as SearchField);
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role="search" is what every browser and reader knows; the <search> element is too new for older Safari
    <form class="search" role="search" onSubmit={submit}>
      <label for="search-q">{words.label}</label>
      <input id="search-q" name="q" type="search" value={queue.search.value.q} maxLength={200} />
      <label for="search-in">{words.fieldLabel}</label>
      <select id="search-in" name="in" value={queue.search.value.in}>
        {FIELDS.map((id) => (
          <option key={id} value={id}>
            {words.fields[id]}
          </option>
        ))}
      </select>
      <button type="submit">{words.submit}</button>
    </form>
  );
}
