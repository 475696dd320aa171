import { useStore } from '../context.ts';
import type { AdminComment } from '../types.ts';
import { RowActions } from './row-actions.tsx';
import { fill, fillParts, plural, strings } from '../strings.ts';

const words = strings.row;

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
          aria-label={fill(words.select, { id: row.id, name: row.author.name || words.anonymousInSentence })}
          checked={queue.selected.value.has(row.id)}
          onChange={(e) => queue.toggle(row.id, (e.currentTarget as HTMLInputElement).checked)}
        />
        {row.author.avatar && <img class="avatar" src={row.author.avatar} alt="" width={40} height={40} />}
        <div class="who">
          <p>
            <strong id={`${id}-author`}>{row.author.name || words.anonymous}</strong>
            {row.author.isModerator && <span class="badge">{words.moderator}</span>}
            {row.pinned && <span class="badge">{words.pinned}</span>}
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
                · {words.ip} <span class="ip">{row.ip}</span>
              </>
            )}
          </p>
          <p class="where">
            {words.on}{' '}
            {row.url ? (
              <a class="page" href={row.url} target="_blank" rel="noopener noreferrer">
                {row.thread.title || row.page}
              </a>
            ) : (
              <span class="page">{row.thread.title || row.page}</span>
            )}{' '}
            <code>{row.page}</code>
            {row.site !== 'default' && <> ({row.site})</>}
            {row.thread.locked && <span class="badge">{words.locked}</span>}
            {' · '}
            <time dateTime={row.createdAt}>{when(row.createdAt)}</time> · #{row.id}
          </p>
        </div>
      </div>
      {row.parent && (
        <p class="parent">{fillParts(words.inReplyTo, { author: <strong>{row.parent.author || words.deletedParent}</strong>, excerpt: row.parent.excerpt })}</p>
      )}
      {row.heldReason && <p class="reason">{fill(words.heldReason, { reason: row.heldReason })}</p>}
      {row.reports.length > 0 && (
        <div class="reports">
          <p>{plural(words.reported, row.reports.length)}</p>
          <ul>
            {row.reports.map((r, i) => (
              <li key={i}>
                {r.reason || words.noReportReason} <time dateTime={r.at}>({when(r.at)})</time>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="body" dangerouslySetInnerHTML={{ __html: row.html }} />
      {row.pendingEdit && (
        <div class="pending-edit">
          <p class="reason">
            {fillParts(words.pendingEdit, { time: <time dateTime={row.pendingEdit.at}>{when(row.pendingEdit.at)}</time>, reason: row.pendingEdit.reason })}
          </p>
          <div class="body" dangerouslySetInnerHTML={{ __html: row.pendingEdit.html }} />
        </div>
      )}
      <RowActions row={row} />
    </li>
  );
}
