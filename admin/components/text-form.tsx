import { useEffect, useRef, useState } from 'preact/hooks';
import { strings } from '../strings.ts';

/** A textarea with submit and cancel, for editing a comment or replying to it. */
export function TextForm(props: { label: string; initial: string; submit: string; onSubmit: (text: string) => Promise<unknown>; onCancel: () => void }) {
  const [text, setText] = useState(props.initial);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    await props.onSubmit(text);
    setBusy(false);
  }

  return (
    <form class="text-form" onSubmit={submit}>
      <label>
        {props.label}
        <textarea ref={area} rows={5} required value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
      </label>
      <button type="submit" class="primary" disabled={busy || !text.trim()}>
        {props.submit}
      </button>
      <button type="button" onClick={props.onCancel}>
        {strings.common.cancel}
      </button>
    </form>
  );
}
