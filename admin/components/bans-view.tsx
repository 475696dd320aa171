import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../context.ts';
import { api } from '../api.ts';
import type { Ban } from '../types.ts';

const KINDS: Record<Ban['kind'], string> = { email: 'Email', ip: 'IP address', account: 'Account' };

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
    store.say(`Banned ${KINDS[answer.ban.kind].toLowerCase()} ${answer.ban.value}.`);
    await load();
  }

  async function lift(ban: Ban) {
    if (!(await store.run(async () => (await api.unban(ban.id), true)))) return;
    store.say(`Lifted the ban on ${ban.value}.`);
    await load();
  }

  return (
    <section aria-labelledby="bans-heading">
      <h1 id="bans-heading">Bans</h1>
      <form class="ban-form" onSubmit={submit}>
        <label for="ban-kind">Ban by</label>
        <select id="ban-kind" name="kind">
          {Object.entries(KINDS).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
        <label for="ban-value">Value</label>
        <input id="ban-value" name="value" required maxLength={320} />
        <label for="ban-until">Until (empty: permanently)</label>
        <input id="ban-until" name="until" type="date" />
        <label for="ban-reason">Reason</label>
        <input id="ban-reason" name="reason" maxLength={500} />
        <button type="submit" class="danger">
          Add ban
        </button>
      </form>
      {bans.length ? (
        <ul class="bans">
          {bans.map((ban) => (
            <li key={ban.id}>
              {KINDS[ban.kind]} <strong>{ban.value}</strong> {ban.until ? `until ${new Date(ban.until).toLocaleString()}` : 'permanently'}
              {ban.reason && ` — ${ban.reason}`}{' '}
              <button type="button" onClick={() => void lift(ban)}>
                Lift ban on {ban.value}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">No one is banned.</p>
      )}
    </section>
  );
}
