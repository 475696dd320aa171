/**
 * What embed.js needs of actions.js (widget/actions/): Like, the Edit, Report and Delete forms,
 * posting, Preview and live updates. actions.js loads from the server once per page, right after the
 * thread is first drawn (startLive), or sooner when the pointer or the focus reaches a comment's
 * actions, and is handed embed.js's Preact to make its forms with.
 */
import { Fragment, h } from 'preact';
import { type Signal, useSignal } from '@preact/signals';
import type { Actions } from '../actions/kit.ts';
import { useStore } from '../context.ts';
import { loadScript } from '../load-script.ts';
import type { ThreadStore } from '../store.ts';
import type { Comment } from '../types.ts';
import { CommentError } from './comment-error.tsx';

/** actions.js's part, once loaded: one copy for the page; and the threads that have its words and styles. */
let actions: Actions | undefined;
const taught = new WeakSet<ThreadStore>();

/** actions.js, loaded once; the store learns the words it brought (English's, for its forms and errors). */
async function load(s: ThreadStore) {
  actions ??= (await loadScript(s.o.base, 'actions.js', 'ParleyActions'))({ h, Fragment, useSignal, useStore, CommentError });
  if (!taught.has(s)) {
    taught.add(s);
    s.learn(actions.words);
    s.adopt(actions.css);
  }
  return actions;
}

/** Starts loading actions.js before the click that needs it. A failure is forgotten here: that click tries again and shows it. */
export const preload = (s: ThreadStore) => void load(s).catch(() => {});

/** Live changes come with actions.js, loaded for them right after the first paint (the thread is drawn by then). */
export const startLive = (s: ThreadStore) =>
  void load(s).then(
    (a) => a.live(s),
    (error) => console.warn('[parley] no live updates', error),
  );

/** Runs `action` on comment `id` once actions.js is there; a failure (to load, or of the request) shows under the comment. */
export const act = (s: ThreadStore, id: number, action: (a: Actions) => unknown) => s.attempt(id, async () => action(await load(s)));

/** Opens a form on comment `id` by setting `form` to it; `opener` names the button, which takes the focus back when the form closes. */
export const openForm = (s: ThreadStore, form: Signal<number | null>, id: number, opener: string) =>
  act(s, id, () => {
    s.refocus = opener;
    form.value = id;
  });

// Drawn only once `openForm` has loaded actions.js.
export const CommentEdit = (props: { c: Comment }) => h(actions!.CommentEdit, props);
export const CommentReport = (props: { id: number }) => h(actions!.CommentReport, props);
export const ConfirmDelete = (props: { id: number }) => h(actions!.ConfirmDelete, props);
export const CommentPreview = (props: { text: string }) => h(actions!.CommentPreview, props);
