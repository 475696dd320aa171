import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../context.ts';
import { api } from '../api.ts';
import type { AuditEntry, Moderator } from '../types.ts';

/** `{ status: 'pending' }` → `status: pending`; other values as JSON. */
function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value);
  return Object.entries(value)
    .map(([key, v]) => `${key}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

/** Every moderator action and automatic decision, newest first, filterable by comment and by moderator. */
export function AuditView() {
  const store = useStore();
  const [filter, setFilter] = useState<{ comment?: number; moderator?: number }>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [moderators, setModerators] = useState<Moderator[]>([]);

  useEffect(() => void store.run(api.moderators).then((answer) => answer && setModerators(answer.moderators)), []);
  useEffect(() => void load(false), [filter]);

  async function load(more: boolean) {
    const answer = await store.run(() => api.audit({ ...filter, before: more ? (next ?? undefined) : undefined }));
    if (!answer) return;
    setEntries(more ? [...entries, ...answer.entries] : answer.entries);
    setNext(answer.next);
  }

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const comment = Number(form.get('comment')) || undefined;
    const moderator = Number(form.get('moderator')) || undefined;
    setFilter({ comment, moderator });
  }

  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading">Audit log</h1>
      <form class="search" onSubmit={submit}>
        <label for="audit-comment">Comment number</label>
        <input id="audit-comment" name="comment" type="number" min={1} />
        <label for="audit-moderator">Moderator</label>
        <select id="audit-moderator" name="moderator">
          <option value="">Anyone</option>
          {moderators.map((m) => (
            <option key={m.id} value={m.id}>
              {m.email}
            </option>
          ))}
        </select>
        <button type="submit">Filter</button>
      </form>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="Audit log entries">
        <table class="audit">
          <caption class="visually-hidden">Audit log entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Comment</th>
              <th scope="col">Page</th>
              <th scope="col">Reason</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
                </td>
                <td>{e.actor === 'moderator' ? e.moderator?.email : e.actor === 'system' ? 'Rules (automatic)' : 'A reader'}</td>
                <td>{e.action}</td>
                <td>{e.commentId === null ? '' : `#${e.commentId}`}</td>
                <td>{e.page}</td>
                <td>{e.reason}</td>
                <td>
                  <code>{show(e.before)}</code>
                </td>
                <td>
                  <code>{show(e.after)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!entries.length && <p class="empty">No entries.</p>}
      {next !== null && (
        <button type="button" onClick={() => void load(true)}>
          Load more
        </button>
      )}
    </section>
  );
}
