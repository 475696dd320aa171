import { signal } from '@preact/signals';
import { afterEach, expect, test, vi } from 'vitest';
import { api } from './api.ts';
import { createQueueStore } from './queue-store.ts';
import type { AdminComment } from './types.ts';

afterEach(() => vi.restoreAllMocks());

test('a moderator who switches queues sees the queue switched to, even when the one left answers last', async () => {
  const answers: Record<string, (value: { comments: AdminComment[]; next: null }) => void> = {};
  vi.spyOn(api, 'queue').mockImplementation(
    (params: { queue: string }) => new Promise((resolve) => (answers[params.queue] = resolve)) as ReturnType<typeof api.queue>,
  );
  vi.spyOn(api, 'counts').mockResolvedValue({} as Awaited<ReturnType<typeof api.counts>>);
  const store = createQueueStore({ site: signal(''), run: (work) => work(), say: () => {} });
  const pending = store.reload();
  const approved = store.open('approved');
  answers.approved!({ comments: [{ id: 2 } as AdminComment], next: null });
  await approved;
  answers.pending!({ comments: [{ id: 1 } as AdminComment], next: null });
  await pending;
  expect(store.rows.value.map((row) => row.id)).toEqual([2]);
  expect(store.loading.value).toBe(false);
});
