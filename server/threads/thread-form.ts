/**
 * The comment form of a server-drawn thread: a plain `<form method="post">` to POST /comments/form
 * with the widget's labelled fields (and their ids), a honeypot and the signed time the form was
 * drawn. A refused post draws it again with what the reader typed and the error beside its field.
 */
import { fill, type ServerStrings } from '../i18n/index.ts';
import { h, type Html } from './html.ts';

export interface FormView {
  /** The absolute address of POST /comments/form. */
  action: string;
  /** Hidden fields: page, site, title, lang, the signed load time, the parent, whether to come back to a standalone document. */
  hidden: Record<string, string>;
  requireNameEmail: boolean;
  /** The notify box shows only when mail can be sent. */
  notify: boolean;
  maxTextLength: number;
  /** No comments yet: "Start a Conversation" rather than "Leave a Reply". */
  empty: boolean;
  /** The comment replied to (its author's name), when the form is for a reply. */
  replyTo: { name: string } | null;
  /** What the reader sent, when the post was refused. */
  values: { text: string; name: string; email: string; url: string; notify: boolean };
  /** Why it was refused: the field (as the API names it: `text`, `author.email`, …) and the code; the message for a code the locale has no words for. */
  error: { field?: string; code: string; message: string; retryAfter?: number } | null;
}

const FIELDS = ['text', 'author.name', 'author.email', 'author.url'];

export function threadForm(t: ServerStrings, f: FormView): Html {
  const s = t.thread;
  const words = f.error && fill((s.errors as Record<string, string>)[f.error.code] ?? f.error.message, { n: f.error.retryAfter ?? 60 });
  const field = (name: string, label: string, input: (attrs: Html) => Html, hint?: string) => {
    const id = `parley-${name.replace('author.', '')}`;
    const bad = f.error?.field === name;
    const describedBy = [hint && `${id}-h`, bad && `${id}-e`].filter(Boolean).join(' ');
    const attrs = h`id="${id}" name="${name.replace('author.', '')}"${bad ? h` aria-invalid="true"` : ''}${describedBy ? h` aria-describedby="${describedBy}"` : ''}`;
    return h`<p class="parley-field"><label for="${id}">${label}</label>${input(attrs)}${hint ? h`<small id="${id}-h">${hint}</small>` : ''}${
      bad ? h`<small id="${id}-e" class="parley-error">${words}</small>` : ''
    }</p>`;
  };
  const req = f.requireNameEmail;
  const required = req ? h` required` : '';
  return h`<form id="parley-form" class="parley-form" method="post" action="${f.action}">${Object.entries(f.hidden).map(
    ([name, value]) => h`<input type="hidden" name="${name}" value="${value}">`,
  )}<h3 class="parley-form-title">${f.replyTo ? fill(s.replyTo, { name: f.replyTo.name }) : f.empty ? s.start : s.leave}</h3><p class="parley-muted">${s.introGuest}</p><div class="parley-tabs parley-tabs-room"></div>${field(
    'text',
    s.comment,
    (attrs) => h`<textarea ${attrs} rows="5" required maxlength="${f.maxTextLength}">${f.values.text}</textarea>`,
  )}${field('author.email', req ? s.emailReq : s.email, (attrs) => h`<input ${attrs} type="email" value="${f.values.email}" autocomplete="email"${required}>`, s.emailHint)}${field(
    'author.name',
    req ? s.nameReq : s.name,
    (attrs) => h`<input ${attrs} type="text" value="${f.values.name}" autocomplete="name"${required}>`,
  )}${field('author.url', s.website, (attrs) => h`<input ${attrs} type="url" value="${f.values.url}" autocomplete="url">`)}<input name="hp" hidden tabindex="-1" autocomplete="off" aria-hidden="true">${
    f.notify
      ? h`<p><input type="checkbox" id="parley-notify" name="notify" value="1"${f.values.notify ? h` checked` : ''}> <label for="parley-notify">${s.notify}</label></p>`
      : ''
  }<p role="alert" class="parley-error">${f.error && !FIELDS.includes(f.error.field ?? '') ? words : ''}</p><button class="parley-button">${s.post}</button></form>`;
}
