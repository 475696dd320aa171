import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import * as api from '../api.ts';
import { createThreadStore } from '../store.ts';
import { memoryStorage, stubPage } from '../test-helpers.ts';
import { createTestApp, type TestApp } from '../../tests/helpers/test-app.ts';
import { edit, like, remove, report, source } from './changes.ts';
import { post } from './post.ts';

const base = 'http://comments.test/';
let t: TestApp;

/** The widget's requests go to a real server on an in-memory database (no live events in Node 20). */
beforeEach(() => {
  // Comments sent faster than a person types are held; these are sent at once.
  t = createTestApp({ MIN_FILL_SECONDS: '0' });
  vi.stubGlobal('localStorage', memoryStorage());
  stubPage();
  vi.stubGlobal('fetch', (input: URL, init: RequestInit) => t.app.request(String(input), init));
});
afterEach(() => vi.unstubAllGlobals());

async function openThread() {
  const store = createThreadStore(api, { base, page: '/post/', title: 'A post' });
  await store.load();
  return store;
}

/** Posts through the widget, so this browser holds the edit token. */
async function postMine(store: Awaited<ReturnType<typeof openThread>>, text: string, parent: number | null = null) {
  store.draft.text.value = text;
  store.draft.name.value = 'Ada';
  store.draft.email.value = 'ada@example.com';
  store.replyTo.value = parent;
  await post(store);
  expect(store.postError.value).toBeNull();
  return store.target.value!.id;
}

test('like toggles, counts one like per reader and remembers the liked ids across visits', async () => {
  const { body } = await t.comment({ text: 'Likeable' });
  const id = body.comment.id;
  const store = await openThread();
  await like(store, id);
  await like(store, id);
  await like(store, id);
  expect([store.liked.value, store.comments.value[0]!.likes]).toEqual([[id], 1]);
  expect((await (await t.get('/api/comments?page=/post/')).json()).comments[0].likes).toBe(1);
  store.dispose();
  const again = await openThread();
  expect(again.liked.value).toEqual([id]);
  await like(again, id);
  expect([again.liked.value, again.comments.value[0]!.likes]).toEqual([[], 0]);
  again.dispose();
});

test('an edit is saved with the edit token; the comment shows the new text and Edit starts from its Markdown', async () => {
  const store = await openThread();
  const id = await postMine(store, 'First draft');
  await edit(store, id, 'A *better* text');
  const shown = store.comments.value.find((c) => c.id == id)!;
  expect([shown.html, shown.mine, source(store, shown)]).toEqual(['<p>A <em>better</em> text</p>', true, 'A *better* text']);
  expect((await (await t.get('/api/comments?page=/post/')).json()).comments[0].html).toBe('<p>A <em>better</em> text</p>');
  store.dispose();
});

test('deleting keeps a placeholder only when there are replies, and closes the question', async () => {
  const store = await openThread();
  const first = await postMine(store, 'Has a reply');
  const reply = await postMine(store, 'The reply', first);
  const alone = await postMine(store, 'Alone');
  store.asking.value = alone;
  await remove(store, first);
  await remove(store, alone);
  expect(store.comments.value.map((c) => [c.id, c.status, c.html])).toEqual([
    [first, 'deleted', ''],
    [reply, 'approved', '<p>The reply</p>'],
  ]);
  expect([store.thread.value!.count, store.asking.value]).toEqual([1, null]);
  store.dispose();
});

test('without the edit token the server refuses: the error comes back and the thread is unchanged', async () => {
  const store = await openThread();
  const id = await postMine(store, 'Mine');
  localStorage.setItem('parley:tokens', '{}');
  const stranger = await openThread();
  await expect(remove(stranger, id)).rejects.toMatchObject({ code: 'not_yours' });
  expect(stranger.comments.value.map((c) => c.id)).toEqual([id]);
  store.dispose();
  stranger.dispose();
});

test('reporting sends the reason with the reader id, closes the form and is remembered across visits', async () => {
  const { body } = await t.comment({ text: 'Rude words' });
  const store = await openThread();
  store.reporting.value = body.comment.id;
  await report(store, body.comment.id, 'Rude');
  expect([store.reporting.value, store.reported.value]).toEqual([null, [body.comment.id]]);
  expect(t.db.prepare('SELECT reason FROM reports WHERE comment_id = ?').all(body.comment.id)).toEqual([{ reason: 'Rude' }]);
  store.dispose();
  const again = await openThread();
  expect(again.reported.value).toEqual([body.comment.id]);
  again.dispose();
});
