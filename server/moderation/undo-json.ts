import type { ActionResult, UndoResult } from '../db/types.ts';
import { UNDO_WINDOW_MS } from '../db/types.ts';
import { AppError } from '../errors.ts';

/** A bulk action's answer: what it changed and skipped, and the undo its notice offers (with when it runs out). */
export const actionResultJson = (result: ActionResult) => ({
  done: result.done,
  skipped: result.skipped,
  undo: result.undo && { id: result.undo.id, expiresAt: new Date(result.undo.expiresAt).toISOString() },
});

const minutes = UNDO_WINDOW_MS / 60_000;

/** An undo's answer: what it put back; a refused undo is an error saying why, having changed nothing. */
export function undoResultJson(result: UndoResult) {
  if (result.ok) return { action: result.action, at: new Date(result.at).toISOString(), done: result.done };
  switch (result.refusal) {
    case 'unknown':
      throw new AppError(404, 'undo_not_found', 'There is no action of yours to undo with that id: an undo takes back only your own recent actions.', 'undo');
    case 'expired':
      throw new AppError(
        409,
        'undo_expired',
        `That action is more than ${minutes} minutes old and can no longer be undone; change the comments one by one instead.`,
        'undo',
      );
    case 'undone':
      throw new AppError(409, 'already_undone', 'That action has already been undone.', 'undo');
    case 'changed': {
      const which = result.changed.map(({ id, status }) => `#${id} (${status === null ? 'deleted permanently' : `now ${status}`})`).join(', ');
      throw new AppError(
        409,
        'changed_since',
        `Nothing was undone: comment${result.changed.length === 1 ? '' : 's'} ${which} changed after that action. Change them one by one instead.`,
        'undo',
      );
    }
  }
}
