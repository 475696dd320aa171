import { signal } from '@preact/signals';
import { afterEach, expect, test, vi } from 'vitest';
import { api, ApiError } from './api.ts';
import { commentInHash, createQueueStore } from './queue-store.ts';
import type { AdminComment } from './types.ts';

afterEach(() => vi.restoreAllMocks());

const store = () => createQueueStore({ site: signal(''), run: (work) => work().catch(() => undefined), say: () => {} });

test('a link’s fragment names one comment: `#comment-ID`, nothing else', () => {
  expect(commentInHash('#comment-42')).toBe(42);
  expect(commentInHash('')).toBeNull();
  expect(commentInHash('#comment-')).toBeNull();
  expect(commentInHash('#comment-4x')).toBeNull();
  expect(commentInHash('#comments')).toBeNull();
});

test('a chat message’s link opens that comment alone, in the tab of its queue', async () => {
  vi.spyOn(api, 'counts').mockResolvedValue({} as Awaited<ReturnType<typeof api.counts>>);
  const comment = vi.spyOn(api, 'comment').mockResolvedValue({ comment: { id: 7, status: 'spam' } as AdminComment });
  const queue = store();
  await queue.openComment(7);
  expect(comment).toHaveBeenCalledWith(7);
  expect(queue.queue.value).toBe('spam');
  expect(queue.rows.value.map((row) => row.id)).toEqual([7]);
  expect(queue.next.value).toBeNull();
  expect(queue.loading.value).toBe(false);
});

test('a link to a comment that is gone shows the held queue instead', async () => {
  vi.spyOn(api, 'counts').mockResolvedValue({} as Awaited<ReturnType<typeof api.counts>>);
  vi.spyOn(api, 'comment').mockRejectedValue(new ApiError(404, 'not_found', 'There is no such comment.'));
  const held = vi.spyOn(api, 'queue').mockResolvedValue({ comments: [{ id: 1 } as AdminComment], next: null });
  const queue = store();
  await queue.openComment(99);
  expect(held).toHaveBeenCalledWith(expect.objectContaining({ queue: 'pending' }));
  expect(queue.rows.value.map((row) => row.id)).toEqual([1]);
});
