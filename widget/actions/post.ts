/**
 * Posting the comment form: checked in the browser first (every missing or malformed field flagged
 * at once, no request), then sent; the new comment takes its place in the thread and the focus.
 * Part of actions.js: embed.js loads it when the focus first reaches the form.
 */
import { postComment } from '../api.ts';
import { merge } from '../tree.ts';
import { saveToken, write } from '../storage.ts';
import type { ThreadStore } from '../store.ts';
import type { ApiError } from '../types.ts';
import { hold } from './live.ts';

const FIELDS = ['text', 'author.name', 'author.email', 'author.url'];

/** The browser's own verdict on the form's fields, in the server's error codes, by field name. */
export function checkFields(form: HTMLFormElement) {
  const invalid: Record<string, ApiError> = {};
  for (const name of FIELDS) {
    const v = form.querySelector<HTMLInputElement>(`[name="${name}"]`)?.validity;
    // A website typed without its scheme (`example.com`) is fine: the server adds `http://`.
    const code = !v ? '' : v.valueMissing ? 'required' : v.typeMismatch && name == 'author.email' ? 'invalid_email' : '';
    if (code) invalid[name] = { code, field: name };
  }
  return invalid;
}

/** Posts the draft; `form` is checked first (left out in unit tests without a DOM), `send` makes the request. */
export async function post(s: ThreadStore, form?: HTMLFormElement, send = postComment) {
  s.invalid.value = form ? checkFields(form) : {};
  if (Object.keys(s.invalid.value).length) return;
  const d = s.draft;
  const parent = s.replyTo.value ?? undefined;
  const text = d.text.value;
  const author = { name: d.name.value, email: d.email.value, url: d.url.value };
  s.posting.value = true;
  s.postError.value = null;
  const release = hold(s);
  try {
    const o = s.o;
    const res = await send(o.base, {
      page: o.page,
      title: o.title,
      site: o.site,
      parent,
      text,
      author,
      notify: d.notify.value || undefined,
      hp: d.hp.value,
      elapsed: Date.now() - s.formAt,
      published: o.published,
      lang: s.t.lang,
    });
    s.formAt = Date.now();
    const c = { ...res.comment, mine: true };
    if (res.editToken) s.tokens = saveToken(c.id, { t: res.editToken, p: s.o.page, s: s.o.site, at: c.createdAt });
    s.sources.set(c.id, text);
    write('guest', author);
    const list = s.comments.value;
    // Newest first, a new top-level comment goes on top, yet below the pinned ones (first in every sort; a stable sort).
    s.comments.value = merge(list, [c], !parent && s.sort.value == 'newest').sort((a, b) => +!!b.pinned - +!!a.pinned);
    // Unless the live feed (live.ts) brought it first, and counted it then.
    if (c.status == 'approved' && s.comments.value.length > list.length) s.recount(1);
    d.text.value = '';
    s.replyTo.value = null;
    s.target.value = { id: c.id };
    // The page's comment counts (count.js) say the new number.
    dispatchEvent(new Event('parley:counts'));
  } catch (error) {
    s.postError.value = error as ApiError;
  } finally {
    s.posting.value = false;
    release();
  }
}
