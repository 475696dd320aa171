import { useState } from 'preact/hooks';
import { useStore } from '../context.ts';
import { fillParts, strings } from '../strings.ts';

const words = strings.signIn;

export function SignIn() {
  const store = useStore();
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    await store.signIn(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
    setBusy(false);
  }

  return (
    <main class="sign-in">
      <h1>{words.heading}</h1>
      <form onSubmit={submit} aria-describedby="sign-in-help">
        <p id="sign-in-help">{fillParts(words.help, { command: <code>{words.command}</code> })}</p>
        <label for="email">{words.email}</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">{words.password}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        {store.error.value && (
          <p class="error" role="alert">
            {store.error.value}
          </p>
        )}
        {store.notice.value && <p role="status">{store.notice.value}</p>}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? words.busy : words.submit}
        </button>
      </form>
    </main>
  );
}
