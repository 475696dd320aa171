import type { Signal } from '@preact/signals';
import { useStore } from '../context.ts';
import { errorText } from '../format.ts';

interface Props {
  /** The API's field name (`text`, `author.email`, …), matched against the server's `error.field`. */
  name: string;
  label: string;
  value: Signal<string>;
  hint?: string;
  type?: 'text' | 'email' | 'url';
  required?: boolean;
  area?: boolean;
  autocomplete?: string;
  maxLength?: number;
}

/** A labelled input or textarea, with its hint and the server's error for it under it. */
export function Field({ name, label, value, hint, type = 'text', area, ...rest }: Props) {
  const s = useStore();
  const p = s.postError.value;
  const e = s.invalid.value[name] ?? (p?.field == name ? p : null);
  const bad = !!e;
  const id = 'parley-' + name.replace('author.', '');
  const props = {
    ...rest,
    id,
    name,
    value,
    'aria-invalid': bad || undefined,
    'aria-describedby': [hint && id + '-h', bad && id + '-e'].filter(Boolean).join(' ') || undefined,
    onInput: (ev: Event) => (value.value = (ev.target as HTMLInputElement).value),
  };
  return (
    <p class="parley-field">
      <label for={id}>{label}</label>
      {/* Preact 11 types <input> as a union keyed on `type`; text, email and url share every other attribute. */}
      {area ? <textarea rows={5} {...props} /> : <input type={type as 'text'} {...props} />}
      {hint && <small id={id + '-h'}>{hint}</small>}
      {bad && (
        <small id={id + '-e'} class="parley-error">
          {errorText(s.t, e!)}
        </small>
      )}
    </p>
  );
}
