import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { useStore } from '../context.ts';
import { errorText, fill } from '../format.ts';
import { CommentPreview, act, preload } from './on-demand.ts';
import { CommentError } from './comment-error.tsx';
import { Field } from './field.tsx';
import { SignIn } from './sign-in.tsx';

const FIELDS = ['text', 'author.name', 'author.email', 'author.url'];

/** The comment form (guest fields unless signed in; only the icons when sign-in is required), at the end of the thread or under the comment replied to. */
export function CommentForm() {
  const s = useStore();
  const t = s.t;
  const d = s.draft;
  const e = s.postError.value;
  const { requireNameEmail: req, notify, maxTextLength, requireSignIn: only, providers } = s.config.value!;
  const signedIn = !!s.account.value;
  const to = s.replyTo.value != null && s.comments.value.find((c) => c.id == s.replyTo.value);
  const form = useRef<HTMLFormElement>(null);
  /** Whether the Preview tab is open (its panel comes with actions.js). */
  const previewing = useSignal(false);
  useEffect(() => {
    if (s.focusForm) {
      s.focusForm = false;
      form.current!.querySelector('textarea')!.focus();
    }
  }, []);
  useEffect(() => form.current!.querySelector<HTMLElement>('[aria-invalid]')?.focus(), [e, s.invalid.value]);
  const submit = (ev: Event) => {
    ev.preventDefault();
    previewing.value = false;
    act(s, 0, (a) => a.post(s, form.current!));
  };
  const H = ('h' + (s.level + 1)) as 'h3';
  const tab = (selected: boolean, label: string, onClick: () => void) => (
    <button type="button" role="tab" aria-selected={selected} onClick={onClick}>
      {label}
    </button>
  );
  return (
    <form
      ref={form}
      class="parley-form"
      noValidate
      onSubmit={submit}
      onFocusIn={() => preload(s)}
      onKeyDown={(ev) => {
        if (ev.key != 'Enter' || !(ev.ctrlKey || ev.metaKey)) return;
        ev.preventDefault();
        form.current!.requestSubmit();
      }}
    >
      <H class="parley-form-title">
        {to ? fill(t.replyTo, { name: <span dir="auto">{to.author.name}</span> }) : s.comments.value.length ? t.leave : t.start}
        {to && (
          <button type="button" class="parley-cancel" onClick={() => s.setReply(null)}>
            {t.cancelReply}
          </button>
        )}
      </H>
      {!signedIn && <p class="parley-muted">{providers.length ? t.intro : t.introGuest}</p>}
      <SignIn />
      {(signedIn || !only) && (
        <>
          <div role="tablist" class="parley-tabs">
            {tab(!previewing.value, t.write, () => (previewing.value = false))}
            {tab(previewing.value, t.preview, () => act(s, 0, () => (previewing.value = true)))}
          </div>
          <CommentError id={0} />
          {previewing.value ? (
            <CommentPreview text={d.text.value} />
          ) : (
            <Field name="text" label={t.comment} value={d.text} area required maxLength={maxTextLength} />
          )}
        </>
      )}
      {!signedIn && !only && (
        <>
          <Field name="author.email" type="email" label={req ? t.emailReq : t.email} hint={t.emailHint} value={d.email} required={req} autocomplete="email" />
          <Field name="author.name" label={req ? t.nameReq : t.name} value={d.name} required={req} autocomplete="name" />
          <Field name="author.url" type="url" label={t.website} value={d.url} autocomplete="url" />
          {/* A honeypot: hidden from people and assistive technology; form-filling robots fill it in. */}
          <input name="hp" hidden value={d.hp} onInput={(ev) => (d.hp.value = ev.currentTarget.value)} />
        </>
      )}
      {notify && (
        <p>
          <input type="checkbox" id="parley-notify" checked={d.notify} onChange={(ev) => (d.notify.value = ev.currentTarget.checked)} />{' '}
          <label for="parley-notify">{t.notify}</label>
        </p>
      )}
      <p role="alert" class="parley-error">
        {e && !FIELDS.includes(e.field!) && errorText(t, e)}
      </p>
      <button class="parley-button" disabled={s.posting.value} hidden={only && !signedIn}>
        {s.posting.value ? t.posting : t.post}
      </button>
    </form>
  );
}
