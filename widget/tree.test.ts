import { expect, test } from 'vitest';
import { buildTree, merge } from './tree.ts';
import { comment } from './test-helpers.ts';

test('groups comments under their parent, whatever order they arrive in', () => {
  const tree = buildTree([comment(3, 2), comment(1), comment(2, 1), comment(4)]);
  expect(tree.get(0)!.map((c) => c.id)).toEqual([1, 4]);
  expect(tree.get(1)!.map((c) => c.id)).toEqual([2]);
  expect(tree.get(2)!.map((c) => c.id)).toEqual([3]);
});

test('shows a reply whose parent is not loaded at the top level', () => {
  expect(
    buildTree([comment(5, 99)])
      .get(0)!
      .map((c) => c.id),
  ).toEqual([5]);
});

test('merge replaces known comments in place and adds new ones at the end or the start', () => {
  const list = [comment(1), comment(2)];
  expect(merge(list, [comment(2, null, { likes: 3 }), comment(3)]).map((c) => [c.id, c.likes])).toEqual([
    [1, 0],
    [2, 3],
    [3, 0],
  ]);
  expect(merge(list, [comment(3)], true).map((c) => c.id)).toEqual([3, 1, 2]);
});
