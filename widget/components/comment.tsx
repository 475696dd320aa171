import { useStore } from '../context.ts';
import type { Comment as CommentData } from '../types.ts';
import { CommentActions } from './comment-actions.tsx';
import { CommentEdit } from './on-demand.ts';

/**
 * One comment: avatar, author (with the mark of the provider a signed-in author used), permalinked date, body (server-sanitised HTML) and its actions.
 * No hooks here: a thread draws hundreds of these, and their state lives in the store.
 */
export function Comment({ c }: { c: CommentData }) {
  const s = useStore();
  const t = s.t;
  const a = c.author;
  const id = 'comment-' + c.id;
  const here = s.target.value?.id == c.id;
  return (
    <article id={id} class={'parley-comment' + (here ? ' parley-target' : '')} tabIndex={here ? -1 : undefined}>
      {c.status == 'deleted' ? (
        <p class="parley-muted">{t.deleted}</p>
      ) : (
        <>
          {a.avatar && <img class="parley-avatar" loading="lazy" src={new URL(a.avatar, s.o.base).href} width={40} height={40} alt="" />}
          <p class="parley-meta">
            <b>
              {/^https?:/i.test(a.url) ? (
                <a href={a.url} rel="nofollow ugc noopener">
                  {a.name}
                </a>
              ) : (
                a.name
              )}
            </b>
            {a.isModerator && <span class="parley-badge">{t.moderator}</span>}
            {a.guest && <span class="parley-badge">{t.guest}</span>}
            {a.provider && <span class="parley-badge">{s.config.value!.providers.find((p) => p.id == a.provider)?.name ?? a.provider}</span>}
            <a class="parley-date" href={'#' + id}>
              <time dateTime={c.createdAt}>{s.date(c.createdAt)}</time>
            </a>
          </p>
          {(c.status == 'pending' || s.heldEdits.value.includes(c.id)) && (
            <p class="parley-muted">
              <em>{c.status == 'pending' ? t.pending : t.editPending}</em>
            </p>
          )}
          {s.editing.value == c.id ? (
            <CommentEdit c={c} />
          ) : (
            <>
              <div class="parley-body" dangerouslySetInnerHTML={{ __html: c.html }} />
              <CommentActions c={c} />
            </>
          )}
        </>
      )}
    </article>
  );
}
