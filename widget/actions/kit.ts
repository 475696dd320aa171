/**
 * What actions.js borrows from embed.js, handed over once when embed.js loads it. Its forms are Preact
 * components drawn inside embed.js's thread, so they must use embed.js's own Preact, hooks, signals and
 * store context (a second copy would share none of their state) — and carrying them twice would cost
 * as much as the forms save. The build gives every .tsx file here `h` and `Fragment` from this module.
 */
import type { Fragment as PreactFragment, FunctionComponent, h as preactH } from 'preact';
import type { useSignal as preactUseSignal } from '@preact/signals';
import type { useStore as threadUseStore } from '../context.ts';
import type { CommentError as ThreadCommentError } from '../components/comment-error.tsx';
import type { Comment } from '../types.ts';
import type { like } from './changes.ts';
import type { post } from './post.ts';
import type { live, reveal } from './live.ts';
import type { loadBranch, loadMore } from './pages.ts';
import type { Locale } from '../i18n/en.ts';

export interface Kit {
  h: typeof preactH;
  Fragment: typeof PreactFragment;
  useSignal: typeof preactUseSignal;
  useStore: typeof threadUseStore;
  CommentError: typeof ThreadCommentError;
}

/** What actions.js gives back: its forms, and Like (a click, no form). */
export interface Actions {
  CommentEdit: FunctionComponent<{ c: Comment }>;
  CommentReport: FunctionComponent<{ id: number }>;
  ConfirmDelete: FunctionComponent<{ id: number }>;
  CommentPreview: FunctionComponent<{ text: string }>;
  like: typeof like;
  post: typeof post;
  /** Styles of the states a reader reaches by acting (widget/actions/styles.css). */
  css: string;
  live: typeof live;
  reveal: typeof reveal;
  loadBranch: typeof loadBranch;
  loadMore: typeof loadMore;
  /** English's words for these forms and for errors (the store adds what its language lacks). */
  words: Partial<Locale>;
}

export let h: Kit['h'];
export let Fragment: Kit['Fragment'];
export let useSignal: Kit['useSignal'];
export let useStore: Kit['useStore'];
export let CommentError: Kit['CommentError'];

export function borrow(kit: Kit) {
  ({ h, Fragment, useSignal, useStore, CommentError } = kit);
}
