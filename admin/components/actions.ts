import { strings } from '../strings.ts';
import type { Action, Queue } from '../types.ts';

const words = strings.queue.actions;

/** The status actions that make sense in each queue, with their button words. */
export function actionsFor(queue: Queue): Array<[Action, string]> {
  switch (queue) {
    case 'pending':
    case 'reported':
      return [
        ['approve', queue === 'reported' ? words.keep : words.approve],
        ['spam', words.spam],
        ['trash', words.trash],
      ];
    case 'approved':
      return [
        ['spam', words.spam],
        ['trash', words.trash],
      ];
    case 'spam':
      return [
        ['restore', words.notSpam],
        ['trash', words.trash],
        ['delete', words.delete],
      ];
    case 'trash':
      return [
        ['restore', words.restore],
        ['spam', words.spam],
        ['delete', words.delete],
      ];
  }
}
