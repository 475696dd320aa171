import { useStore } from '../context.ts';
import { fill, strings } from '../strings.ts';
import type { AdminComment } from '../types.ts';

const words = strings.banForm;

/** Days (none: permanently), with their words. */
const DURATIONS: Array<[string, string]> = [
  ['', words.durations.permanently],
  ['1', words.durations.day],
  ['7', words.durations.week],
  ['30', words.durations.month],
  ['365', words.durations.year],
];

/** Ban the author of a comment by email, IP address or account, permanently or for a while. */
export function BanForm({ row, onDone }: { row: AdminComment; onDone: () => void }) {
  const { queue } = useStore();
  const kinds: Array<['email' | 'ip' | 'account', string]> = [];
  if (row.author.email) kinds.push(['email', fill(words.email, { email: row.author.email })]);
  if (row.ip) kinds.push(['ip', fill(words.ip, { ip: row.ip })]);
  if (row.author.accountId !== null) kinds.push(['account', fill(words.account, { id: row.author.accountId })]);
  if (!kinds.length) return <p class="hint">{words.nothingToBan}</p>;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const days = Number(form.get('days') || 0);
    const until = days ? new Date(Date.now() + days * 86_400_000).toISOString() : null;
    if (await queue.ban(row, form.get('kind') as 'email' | 'ip' | 'account', until, String(form.get('reason') ?? ''))) onDone();
  }

  const id = `ban-${row.id}`;
  return (
    <form class="ban-form" onSubmit={submit}>
      <label for={`${id}-kind`}>{words.kind}</label>
      <select id={`${id}-kind`} name="kind">
        {kinds.map(([kind, label]) => (
          <option key={kind} value={kind}>
            {label}
          </option>
        ))}
      </select>
      <label for={`${id}-days`}>{words.duration}</label>
      <select id={`${id}-days`} name="days">
        {DURATIONS.map(([days, label]) => (
          <option key={days} value={days}>
            {label}
          </option>
        ))}
      </select>
      <label for={`${id}-reason`}>{words.reason}</label>
      <input id={`${id}-reason`} name="reason" maxLength={500} />
      <button type="submit" class="danger">
        {words.submit}
      </button>
      <button type="button" onClick={onDone}>
        {strings.common.cancel}
      </button>
    </form>
  );
}
