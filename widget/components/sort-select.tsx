import { useStore } from '../context.ts';
import type { Sort } from '../types.ts';

const SORTS = ['oldest', 'newest', 'top'] as const;

export function SortSelect() {
  const s = useStore();
  return (
    <p class="parley-sort">
      <label for="parley-sort">{s.t.sort}</label>{' '}
      <select id="parley-sort" value={s.sort.value} onChange={(e) => s.setSort(e.currentTarget.value as Sort)}>
        {SORTS.map((v) => (
          <option value={v}>{s.t[v]}</option>
        ))}
      </select>
    </p>
  );
}
