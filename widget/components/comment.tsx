import { useStore } from '../context.ts';
import { fill } from '../format.ts';
import type { Comment as CommentData } from '../types.ts';
import { CommentActions } from './comment-actions.tsx';
import { CommentEdit } from './on-demand.ts';

/**
 * One comment: avatar, author (with the mark of the provider a signed-in author used), permalinked date, body (server-sanitised HTML) and its actions.
 * Names and bodies carry `dir="auto"`: an Arabic comment in an English thread reads right to left, and the other way round.
 * No hooks here: a thread draws hundreds of these, and their state lives in the store.
 */
export function Comment({ c }: { c: CommentData }) {
  const s = useStore();
  const t = s.t;
  const a = c.author;
  const id = 'comment-' + c.id;
  const here = s.target.value?.id == c.id;
  const ping = c.kind && t[c.kind];
  return (
    <article id={id} class={'parley-comment' + (here ? ' parley-target' : '')}>
      {c.status == 'deleted' ? (
        <p class="parley-muted">{t.deleted}</p>
      ) : (
        <>
          {a.avatar && !ping && (
            // Avatars never hold up the first paint: the first screenful's are asked for once it is painted (an image,
            // even one the browser holds already, costs its decoding and painting on the way).
            <img class="parley-avatar" loading="lazy" src={s.whole.value ? new URL(a.avatar, s.o.base).href : undefined} width={40} height={40} alt="" />
          )}
          <p class="parley-meta">
            {ping && <span class="parley-badge">{ping}</span>}
            <b dir="auto">
              {/^https?:/i.test(a.url) ? (
                <a href={a.url} rel="nofollow ugc noopener">
                  {a.name}
                </a>
              ) : (
                a.name
              )}
            </b>
            {c.pinned && <span class="parley-badge">{t.pinned}</span>}
            {a.isModerator && <span class="parley-badge">{t.moderator}</span>}
            {a.guest && <span class="parley-badge">{t.guest}</span>}
            {a.provider && <span class="parley-badge">{s.config.value!.providers.find((p) => p.id == a.provider)?.name ?? a.provider}</span>}
            <span class="parley-date">
              <a href={'#' + id} title={t.permalink}>
                <time dateTime={c.createdAt}>{s.date(c.createdAt)}</time>
              </a>
              {c.editedAt && ' · ' + t.edited}
            </span>
            {c.replyTo && <span class="parley-to">{fill(t.inReplyTo, { name: <span dir="auto">{c.replyTo}</span> })}</span>}
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
              <div class="parley-body" dir="auto" dangerouslySetInnerHTML={{ __html: c.html }} />
              {!ping && <CommentActions c={c} />}
              {s.mod?.(c)}
            </>
          )}
        </>
      )}
    </article>
  );
}
