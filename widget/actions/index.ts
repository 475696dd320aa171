/**
 * actions.js: what a reader does to a comment once it is drawn — Like, Edit, Report, Delete — loaded
 * by embed.js when the pointer or the focus first reaches a comment's actions, or at the first click
 * (widget/components/on-demand.ts), so embed.js stays small.
 */
import { type Actions, type Kit, borrow } from './kit.ts';
import { like } from './changes.ts';
import { CommentEdit } from './comment-edit.tsx';
import { CommentReport } from './comment-report.tsx';
import { ConfirmDelete } from './confirm-delete.tsx';
import { CommentPreview } from './comment-preview.tsx';
import { post } from './post.ts';
import { live, reveal } from './live.ts';
import { loadBranch, loadMore } from './pages.ts';
import en from '../i18n/en.ts';
import css from './styles.css?inline';

window.ParleyActions = (kit: Kit): Actions => {
  borrow(kit);
  return { CommentEdit, CommentReport, ConfirmDelete, CommentPreview, like, post, live, reveal, loadBranch, loadMore, words: en, css };
};
