/**
 * actions.js: the forms a reader opens on a comment — Edit, Report and the Delete question —
 * loaded by embed.js the first time one is opened (widget/components/on-demand.ts), so embed.js stays small.
 */
import { type Actions, type Kit, borrow } from './kit.ts';
import { CommentEdit } from './comment-edit.tsx';
import { CommentReport } from './comment-report.tsx';
import { ConfirmDelete } from './confirm-delete.tsx';

window.ParleyActions = (kit: Kit): Actions => {
  borrow(kit);
  return { CommentEdit, CommentReport, ConfirmDelete };
};
