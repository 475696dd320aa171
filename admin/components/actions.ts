import type { Action, Queue } from '../types.ts';

/** The status actions that make sense in each queue, with their button words. */
export function actionsFor(queue: Queue): Array<[Action, string]> {
  switch (queue) {
    case 'pending':
    case 'reported':
      return [
        ['approve', queue === 'reported' ? 'Keep (approve)' : 'Approve'],
        ['spam', 'Spam'],
        ['trash', 'Trash'],
      ];
    case 'approved':
      return [
        ['spam', 'Spam'],
        ['trash', 'Trash'],
      ];
    case 'spam':
      return [
        ['restore', 'Not spam'],
        ['trash', 'Trash'],
        ['delete', 'Delete permanently'],
      ];
    case 'trash':
      return [
        ['restore', 'Restore'],
        ['spam', 'Spam'],
        ['delete', 'Delete permanently'],
      ];
  }
}
