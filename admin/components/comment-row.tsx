import { useStore } from '../context.ts';
import type { AdminComment } from '../types.ts';
import { RowActions } from './row-actions.tsx';

const when = (iso: string) => new Date(iso).toLocaleString();

/** One comment in context: who wrote it (with the private details), where, in reply to what, and why it is here. */
export function CommentRow({ row, focused, index }: { row: AdminComment; focused: boolean; index: number }) {
  const { queue } = useStore();
  const id = `comment-${row.id}`;
  return (
    <li
      class={focused ? 'row focused' : 'row'}
      data-row={index}
      tabIndex={-1}
      aria-labelledby={`${id}-author`}
      aria-current={focused ? 'true' : undefined}
      onFocusIn={() => (queue.focused.value = index)}
    >
      <div class="row-head">
        <input
          type="checkbox"
          id={`${id}-select`}
          aria-label={`Select comment ${row.id} by ${row.author.name || 'anonymous'}`}
          checked={queue.selected.value.has(row.id)}
          onChange={(e) => queue.toggle(row.id, (e.currentTarget as HTMLInputElement).checked)}
        />
        {row.author.avatar && <img class="avatar" src={row.author.avatar} alt="" width={40} height={40} />}
        <div class="who">
          <p>
            <strong id={`${id}-author`}>{row.author.name || 'Anonymous'}</strong>
            {row.author.isModerator && <span class="badge">Moderator</span>}
            {row.author.email && (
              <>
                {' '}
                · <a href={`mailto:${row.author.email}`}>{row.author.email}</a>
              </>
            )}
            {row.author.url && (
              <>
                {' '}
                ·{' '}
                <a href={row.author.url} rel="nofollow noopener noreferrer" target="_blank">
                  {row.author.url}
                </a>
              </>
            )}
            {row.ip && (
              <>
                {' '}
                · IP <span class="ip">{row.ip}</span>
              </>
            )}
          </p>
          <p class="where">
            On{' '}
            {row.url ? (
              <a class="page" href={row.url} target="_blank" rel="noopener noreferrer">
                {row.thread.title || row.page}
              </a>
            ) : (
              <span class="page">{row.thread.title || row.page}</span>
            )}{' '}
            <code>{row.page}</code>
            {row.site !== 'default' && <> ({row.site})</>}
            {row.thread.locked && <span class="badge">Locked</span>}
            {' · '}
            <time dateTime={row.createdAt}>{when(row.createdAt)}</time> · #{row.id}
          </p>
        </div>
      </div>
      {row.parent && (
        <p class="parent">
          In reply to <strong>{row.parent.author || 'a deleted comment'}</strong>: “{row.parent.excerpt}”
        </p>
      )}
      {row.heldReason && <p class="reason">Why it is here: {row.heldReason}</p>}
      {row.reports.length > 0 && (
        <div class="reports">
          <p>
            Reported {row.reports.length} time{row.reports.length === 1 ? '' : 's'}:
          </p>
          <ul>
            {row.reports.map((r, i) => (
              <li key={i}>
                {r.reason || 'no reason given'} <time dateTime={r.at}>({when(r.at)})</time>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="body" dangerouslySetInnerHTML={{ __html: row.html }} />
      {row.pendingEdit && (
        <div class="pending-edit">
          <p class="reason">
            Edit awaiting approval (<time dateTime={row.pendingEdit.at}>{when(row.pendingEdit.at)}</time>): {row.pendingEdit.reason}. Approve publishes it; Spam
            or Trash rejects the edit and keeps the version above.
          </p>
          <div class="body" dangerouslySetInnerHTML={{ __html: row.pendingEdit.html }} />
        </div>
      )}
      <RowActions row={row} />
    </li>
  );
}
