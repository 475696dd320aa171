/**
 * The forms of actions.js (widget/actions/) as embed.js draws them. actions.js loads from the server
 * the first time a reader opens one of them, and is handed embed.js's Preact to make them with.
 */
import { Fragment, h } from 'preact';
import { type Signal, useSignal } from '@preact/signals';
import type { Actions } from '../actions/kit.ts';
import { useStore } from '../context.ts';
import { loadScript } from '../load-script.ts';
import type { ThreadStore } from '../store.ts';
import type { Comment } from '../types.ts';
import { CommentError } from './comment-error.tsx';

/** actions.js's forms, once loaded: one copy for the page. */
let actions: Actions | undefined;

/**
 * Opens a form on comment `id` by setting `form` to it, once actions.js is there. Resolves to false
 * when actions.js could not be loaded: the comment then shows the error, and the next click tries again.
 * `opener` names the button, which takes the focus back when the form closes.
 */
export const openForm = (s: ThreadStore, form: Signal<number | null>, id: number, opener: string) =>
  s.attempt(id, async () => {
    actions ??= (await loadScript(s.o.base, 'actions.js', 'ParleyActions'))({ h, Fragment, useSignal, useStore, CommentError });
    s.refocus = opener;
    form.value = id;
  });

// Drawn only once `openForm` has loaded actions.js.
export const CommentEdit = (props: { c: Comment }) => h(actions!.CommentEdit, props);
export const CommentReport = (props: { id: number }) => h(actions!.CommentReport, props);
export const ConfirmDelete = (props: { id: number }) => h(actions!.ConfirmDelete, props);
