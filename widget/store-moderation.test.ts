import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createThreadStore, type StoreApi } from './store.ts';
import { post } from './actions/post.ts';
import { comment, memoryStorage, stubPage } from './test-helpers.ts';
import type { NewComment } from './types.ts';

function fakeApi() {
  return {
    getComments: vi.fn(async () => ({
      thread: { page: '/p/', title: 'Post', count: 1, locked: false },
      comments: [comment(1)],
      next: null,
      more: {},
      config: { requireNameEmail: true, editWindowMinutes: 15, maxDepth: 5, maxTextLength: 10000, notify: false, providers: [], requireSignIn: false },
    })),
    postComment: vi.fn(async (_base: string, _body: NewComment) => ({ comment: comment(100, null, { status: 'pending' as const }), editToken: '100.secret' })),
  } satisfies StoreApi & Record<string, unknown>;
}

const options = { base: 'http://comments.test/', page: '/p/', title: 'Post', published: '2019-07-01T10:00:00Z' };

beforeEach(() => {
  vi.stubGlobal('localStorage', memoryStorage());
  stubPage();
  vi.useFakeTimers({ now: Date.parse('2026-11-21T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

test("a new comment carries the honeypot, the time since the form appeared and the page's publication date", async () => {
  const api = fakeApi();
  const store = createThreadStore(api, options);
  await store.load();
  vi.advanceTimersByTime(12_000);
  store.draft.text.value = 'Hello';
  await post(store, undefined, api.postComment);
  expect(api.postComment.mock.calls[0]![1]).toMatchObject({ text: 'Hello', hp: '', elapsed: 12_000, published: '2019-07-01T10:00:00Z' });
  vi.advanceTimersByTime(2_000);
  store.draft.text.value = 'Again';
  store.draft.hp.value = 'http://spam.example';
  await post(store, undefined, api.postComment);
  expect(api.postComment.mock.calls[1]![1]).toMatchObject({ hp: 'http://spam.example', elapsed: 2_000 });
  store.dispose();
});
