import type { Deps } from '../deps.ts';
import type { ActionResult } from '../db/types.ts';
import type { Comment, Thread } from '../db/types.ts';

/**
 * When a moderator overrules the spam verdict — marks a comment spam, or
 * approves one from spam — Akismet is told, so it learns. Never awaited:
 * the moderator's request does not wait on Akismet.
 */
export function akismetFeedback(deps: Deps) {
  return (result: ActionResult, before: ReadonlyArray<{ comment: Comment; thread: Thread } | undefined>) => {
    const akismet = deps.akismet;
    if (!akismet) return;
    for (const { id, from, to } of result.done) {
      const verdict = to === 'spam' && from !== 'spam' ? 'spam' : from === 'spam' && to === 'approved' ? 'ham' : null;
      const found = before.find((entry) => entry?.comment.id === id);
      if (!verdict || !found) continue;
      const blog = deps.config.publicUrl;
      void akismet.report(verdict, {
        blog,
        permalink: `${blog}${found.thread.page}`,
        userIp: found.comment.ip,
        userAgent: found.comment.userAgent,
        referrer: '',
        author: found.comment.authorName,
        email: found.comment.authorEmail,
        url: found.comment.authorUrl,
        content: found.comment.text,
        createdAt: found.comment.createdAt,
      });
    }
  };
}
