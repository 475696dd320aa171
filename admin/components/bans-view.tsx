import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../context.ts';
import { api } from '../api.ts';
import { fill, strings } from '../strings.ts';
import type { Ban } from '../types.ts';

const words = strings.bans;

/** The bans in force, with a form to add one and a button to lift each. */
export function BansView() {
  const store = useStore();
  const [bans, setBans] = useState<Ban[]>([]);
  const load = () => store.run(api.bans).then((answer) => answer && setBans(answer.bans));
  useEffect(() => void load(), []);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const date = String(form.get('until') ?? '');
    const answer = await store.run(() =>
      api.ban({
        kind: form.get('kind') as Ban['kind'],
        value: String(form.get('value') ?? ''),
        reason: String(form.get('reason') ?? ''),
        until: date ? new Date(`${date}T00:00:00`).toISOString() : null,
      }),
    );
    if (!answer) return;
    formElement.reset();
    store.say(fill(strings.common.banned, { kind: words.kindsInSentence[answer.ban.kind], value: answer.ban.value }));
    await load();
  }

  async function lift(ban: Ban) {
    const unbanned = await store.run(async () => {
      await api.unban(ban.id);
      return true;
    });
    if (!unbanned) return;
    store.say(fill(words.lifted, { value: ban.value }));
    await load();
  }

  return (
    <section aria-labelledby="bans-heading">
      <h1 id="bans-heading">{words.heading}</h1>
      <form class="ban-form" onSubmit={submit}>
        <label for="ban-kind">{words.kind}</label>
        <select id="ban-kind" name="kind">
          {Object.entries(words.kinds).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
        <label for="ban-value">{words.value}</label>
        <input id="ban-value" name="value" required maxLength={320} />
        <label for="ban-until">{words.until}</label>
        <input id="ban-until" name="until" type="date" />
        <label for="ban-reason">{words.reason}</label>
        <input id="ban-reason" name="reason" maxLength={500} />
        <button type="submit" class="danger">
          {words.submit}
        </button>
      </form>
      {bans.length ? (
        <ul class="bans">
          {bans.map((ban) => (
            <li key={ban.id}>
              {words.kinds[ban.kind]} <strong>{ban.value}</strong>{' '}
              {ban.until ? fill(words.lastsUntil, { date: new Date(ban.until).toLocaleString() }) : words.permanently}
              {ban.reason && ` — ${ban.reason}`}{' '}
              <button type="button" onClick={() => void lift(ban)}>
                {fill(words.lift, { value: ban.value })}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">{words.empty}</p>
      )}
    </section>
  );
}
