/**
 * moderate.js: a moderator's controls in the thread (issue 13, item 2) — Approve, Spam, Trash, Pin, Lock
 * thread and Ban beside each comment, and the thread's held comments inline. Loaded by actions.js only
 * for a signed-in account linked to a moderator (widget/actions/live.ts), never for other readers;
 * made with embed.js's Preact (widget/actions/kit.ts). Every action is a request to /api/moderate,
 * which runs the admin API's own handler as that moderator.
 */
import { type Kit, borrow } from '../actions/kit.ts';
import type { ThreadStore } from '../store.ts';
import en from '../i18n/en.ts';
import { loadLocale } from '../lang/load.ts';
import { ModTools, showHeld } from './mod-tools.tsx';

const css = `.parley-mod{display:flex;flex-wrap:wrap;gap:.25em .75em;margin-top:.25em;padding-top:.25em;border-top:1px dashed var(--parley-border,#c3c4c7)}
.parley-mod button{background:none;border:0;padding:0;color:var(--acc);font:inherit;font-size:.875em;cursor:pointer;text-decoration:underline}`;

window.ParleyModerate = async (kit: Kit, s: ThreadStore) => {
  borrow(kit);
  // In other languages its words are a group of their own (widget/lang/english-parts.ts: APART).
  s.learn((await loadLocale(s.o.base, s.o.lang || 'en', 'i18n-moderate')) ?? en);
  s.adopt(css);
  // Held comments here are others': the mark a pending comment carries says what it is for a moderator.
  (s.t as { pending: string }).pending = s.t.moderate.held;
  s.mod = (c) => kit.h(ModTools, { c });
  void showHeld(s);
};
