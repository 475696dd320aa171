import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type * as Api from './api.ts';
import { createThreadStore } from './store.ts';
import { post } from './actions/post.ts';
import { live, reveal } from './actions/live.ts';
import { comment, memoryStorage, stubPage } from './test-helpers.ts';
import type { Comment, ThreadPage } from './types.ts';

const config = { requireNameEmail: true, editWindowMinutes: 15, maxDepth: 5, maxTextLength: 10000, notify: false, providers: [], requireSignIn: false };
const page = (comments: Comment[], next: string | null = null, count = comments.length): ThreadPage => ({
  thread: { page: '/p/', title: 'Post', count, locked: false },
  comments,
  next,
  more: {},
  config,
});

type LiveHandlers = Parameters<typeof Api.liveEvents>[2];

function fakeApi(pages: Record<string, ThreadPage>) {
  const live: { on?: LiveHandlers; closed: number } = { closed: 0 };
  return {
    live,
    liveEvents: vi.fn((_base: string, _q: { page: string }, on: LiveHandlers) => {
      live.on = on;
      return () => {
        live.closed += 1;
      };
    }),
    getComments: vi.fn(async (_base: string, q: { after?: string }, _tokens: string) => pages[q.after ?? '']!),
    postComment: vi.fn(async (_base: string, body: { text: string; parent?: number }) => ({
      comment: comment(100, body.parent ?? null, { createdAt: new Date().toISOString() }),
      editToken: '100.secret',
    })),
    editComment: vi.fn(async (_b: string, id: number, text: string) => ({ comment: comment(id, null, { html: `<p>${text}</p>` }) })),
    deleteComment: vi.fn(async () => undefined),
    likeComment: vi.fn(async (_b: string, _id: number, on: boolean, _reader: string) => ({ likes: on ? 1 : 0, liked: on })),
    getCounts: vi.fn(async () => ({})),
    getRecent: vi.fn(async () => ({ comments: [] })),
    previewComment: vi.fn(async (_b: string, text: string) => ({ html: `<p>${text}</p>` })),
    getLocale: vi.fn(async () => Promise.reject(new Error('English only here'))),
    reportComment: vi.fn(async () => ({ reported: true })),
    getMe: vi.fn(async () => ({ account: { name: 'Ada', url: '', avatar: '', provider: 'github', providerName: 'GitHub' } })),
    logOut: vi.fn(async () => undefined),
    requestEmailLink: vi.fn(async () => ({ sent: true as const })),
    getHeld: vi.fn(async () => ({ comments: [] })),
    moderate: vi.fn(async () => ({})),
    exchangeGrant: vi.fn(async () => ({ token: 't', account: { name: 'Ada', url: '', avatar: '', provider: 'github', providerName: 'GitHub' } })),
  } satisfies typeof Api & { live: unknown };
}

const options = { base: 'http://comments.test/', page: '/p/', title: 'Post' };

beforeEach(() => {
  vi.stubGlobal('localStorage', memoryStorage());
  stubPage();
});
afterEach(() => vi.unstubAllGlobals());

test("loads the first page and the form's config in one request, without tokens when it holds none", async () => {
  const api = fakeApi({ '': page([comment(1), comment(2, 1)]) });
  const store = createThreadStore(api, options);
  await store.load();
  expect(store.status.value).toBe('ready');
  expect(store.tree.value.get(1)!.map((c) => c.id)).toEqual([2]);
  expect(api.getComments.mock.calls[0]![2]).toBe('');
  expect(api.getComments).toHaveBeenCalledTimes(1);
  expect(store.config.value).toEqual(config);
  store.dispose();
});

test('a published comment is appended as mine, counted, and its edit token kept and sent later', async () => {
  const api = fakeApi({ '': page([comment(1)]) });
  const store = createThreadStore(api, options);
  await store.load();
  store.draft.text.value = 'Hello';
  await post(store, undefined, api.postComment);
  expect(store.comments.value.map((c) => c.id)).toEqual([1, 100]);
  expect(store.thread.value!.count).toBe(2);
  expect(store.canEdit(store.comments.value[1]!)).toBe(true);
  expect(store.canEdit(store.comments.value[0]!)).toBe(false);
  expect(store.draft.text.value).toBe('');
  expect(store.target.value).toEqual({ id: 100 });
  await store.load();
  expect(api.getComments.mock.calls.at(-1)![2]).toBe('100.secret');
  store.dispose();
});

test('a failed post keeps the draft and exposes the error', async () => {
  const api = fakeApi({ '': page([]) });
  api.postComment.mockRejectedValueOnce({ code: 'invalid_email', field: 'author.email' });
  const store = createThreadStore(api, options);
  await store.load();
  store.draft.text.value = 'Hello';
  await post(store, undefined, api.postComment);
  expect(store.postError.value).toEqual({ code: 'invalid_email', field: 'author.email' });
  expect(store.draft.text.value).toBe('Hello');
  expect(store.posting.value).toBe(false);
  store.dispose();
});

test('reveal loads pages until the comment is there', async () => {
  const api = fakeApi({ '': page([comment(1)], 'a'), a: page([comment(2)], 'b'), b: page([comment(3)]) });
  const store = createThreadStore(api, options);
  await store.load();
  await reveal(store, 3);
  expect(store.comments.value.map((c) => c.id)).toEqual([1, 2, 3]);
  expect(store.target.value).toEqual({ id: 3 });
  expect(store.next.value).toBe(null);
  store.dispose();
});

test("live: someone else's comment appears, is counted once and announced; removals and likes follow", async () => {
  const api = fakeApi({ '': page([comment(1)]) });
  const store = createThreadStore(api, options);
  await store.load();
  live(store, api.liveEvents);
  api.live.on!.comment(comment(7, 1, { author: { name: 'Zoe', url: '', avatar: '', isModerator: false } }));
  expect(store.tree.value.get(1)!.map((c) => c.id)).toEqual([7]);
  expect(store.thread.value!.count).toBe(2);
  expect(store.news.value).toBe('New comment by Zoe.');
  api.live.on!.comment(comment(7, 1, { html: '<p>edited</p>' }));
  expect(store.thread.value!.count).toBe(2);
  expect(store.comments.value.find((c) => c.id == 7)!.html).toBe('<p>edited</p>');
  api.live.on!.likes({ id: 1, likes: 3 });
  expect(store.comments.value[0]!.likes).toBe(3);
  api.live.on!.removed({ id: 1 });
  expect(store.comments.value.find((c) => c.id == 1)!.status).toBe('deleted');
  api.live.on!.removed({ id: 7 });
  expect(store.comments.value.map((c) => c.id)).toEqual([1]);
  expect(store.thread.value!.count).toBe(0);
  store.dispose();
  expect(api.live.closed).toBe(1);
});

test("live: one's own new comment announced by the server before the answer to the post is counted once and never announced as someone else's", async () => {
  const api = fakeApi({ '': page([]) });
  const store = createThreadStore(api, options);
  await store.load();
  live(store, api.liveEvents);
  api.postComment.mockImplementationOnce(async () => {
    api.live.on!.comment(comment(100));
    return { comment: comment(100), editToken: '100.secret' };
  });
  store.draft.text.value = 'hello';
  await post(store, undefined, api.postComment);
  expect(store.thread.value!.count).toBe(1);
  expect(store.comments.value.map((c) => [c.id, c.mine])).toEqual([[100, true]]);
  expect(store.news.value).toBe('');
});
