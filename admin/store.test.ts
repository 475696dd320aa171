import { expect, test } from 'vitest';
import { createAdminStore } from './store.ts';

test('another screen starts without the notice of the last one, and without its Undo', () => {
  const store = createAdminStore();
  store.say('1 comment moved to Trash.', { run: async () => {}, until: new Date(Date.now() + 60_000).toISOString() });
  store.show('queue');
  expect(store.notice.value).toBe('1 comment moved to Trash.');
  expect(store.noticeUndo.value).not.toBeNull();
  store.show('webhooks');
  expect(store.notice.value).toBe('');
  expect(store.noticeUndo.value).toBeNull();
});
