import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../context.ts';
import { api } from '../api.ts';
import { strings } from '../strings.ts';
import type { AuditEntry, Moderator } from '../types.ts';

const words = strings.audit;

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
      <h1 id="audit-heading">{words.heading}</h1>
      <form class="search" onSubmit={submit}>
        <label for="audit-comment">{words.comment}</label>
        <input id="audit-comment" name="comment" type="number" min={1} />
        <label for="audit-moderator">{words.moderator}</label>
        <select id="audit-moderator" name="moderator">
          <option value="">{words.anyone}</option>
          {moderators.map((m) => (
            <option key={m.id} value={m.id}>
              {m.email}
            </option>
          ))}
        </select>
        <button type="submit">{words.filter}</button>
      </form>
      <section class="table-scroll" tabIndex={0} aria-label={words.tableLabel}>
        <table class="audit">
          <caption class="visually-hidden">{words.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{words.columns.when}</th>
              <th scope="col">{words.columns.who}</th>
              <th scope="col">{words.columns.action}</th>
              <th scope="col">{words.columns.comment}</th>
              <th scope="col">{words.columns.page}</th>
              <th scope="col">{words.columns.reason}</th>
              <th scope="col">{words.columns.before}</th>
              <th scope="col">{words.columns.after}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
                </td>
                <td>{e.actor === 'moderator' ? e.moderator?.email : e.actor === 'system' ? words.system : words.reader}</td>
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
      </section>
      {!entries.length && <p class="empty">{words.empty}</p>}
      {next !== null && (
        <button type="button" onClick={() => void load(true)}>
          {strings.common.loadMore}
        </button>
      )}
    </section>
  );
}
