import { useStore } from '../context.ts';
import type { AdminComment } from '../types.ts';

const DURATIONS: Array<[string, string]> = [
  ['', 'Permanently'],
  ['1', 'For 1 day'],
  ['7', 'For 7 days'],
  ['30', 'For 30 days'],
  ['365', 'For a year'],
];

/** Ban the author of a comment by email, IP address or account, permanently or for a while. */
export function BanForm({ row, onDone }: { row: AdminComment; onDone: () => void }) {
  const { queue } = useStore();
  const kinds: Array<['email' | 'ip' | 'account', string]> = [];
  if (row.author.email) kinds.push(['email', `Email ${row.author.email}`]);
  if (row.ip) kinds.push(['ip', `IP address ${row.ip}`]);
  if (row.author.accountId !== null) kinds.push(['account', `Account #${row.author.accountId}`]);
  if (!kinds.length) return <p class="hint">This comment has no email, address or account to ban.</p>;

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
      <label for={`${id}-kind`}>Ban</label>
      <select id={`${id}-kind`} name="kind">
        {kinds.map(([kind, label]) => (
          <option key={kind} value={kind}>
            {label}
          </option>
        ))}
      </select>
      <label for={`${id}-days`}>How long</label>
      <select id={`${id}-days`} name="days">
        {DURATIONS.map(([days, label]) => (
          <option key={days} value={days}>
            {label}
          </option>
        ))}
      </select>
      <label for={`${id}-reason`}>Reason (for the log)</label>
      <input id={`${id}-reason`} name="reason" maxLength={500} />
      <button type="submit" class="danger">
        Ban
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}
