import type { SiteSettings } from '../db/types.ts';
import { findWord, type Matchable } from './words.ts';

export interface Decision {
  status: 'approved' | 'pending' | 'spam';
  /** Why it was held or marked spam, for the moderator and the audit log; '' when published. */
  reason: string;
}

export const PUBLISH: Decision = Object.freeze({ status: 'approved', reason: '' });

export interface Candidate extends Matchable {
  /** The rendered HTML, whose links are counted. */
  html: string;
  /** Whether the author already has an approved comment on the site. */
  knownAuthor: boolean;
}

const LINK = /<a\s/gi;

/**
 * The site's moderation rules applied to one new comment, in WordPress's
 * order: blocklist (spam), moderation words, links, then hold-all and
 * first-time (held). The first rule that matches gives the reason.
 */
export function decide(settings: SiteSettings, comment: Candidate): Decision {
  const blocked = findWord(settings.blocklistWords, comment);
  if (blocked) return { status: 'spam', reason: `blocklist entry "${blocked.word}" in the ${blocked.field}` };
  const held = findWord(settings.moderationWords, comment);
  if (held) return { status: 'pending', reason: `moderation word "${held.word}" in the ${held.field}` };
  const links = comment.html.match(LINK)?.length ?? 0;
  if (settings.holdLinks > 0 && links >= settings.holdLinks) {
    return { status: 'pending', reason: `${links} links (held at ${settings.holdLinks} or more)` };
  }
  if (settings.moderation === 'all') return { status: 'pending', reason: 'every comment is held for moderation' };
  if (settings.moderation === 'first-time' && !comment.knownAuthor) {
    return { status: 'pending', reason: 'first comment by this author' };
  }
  return PUBLISH;
}

type Dated = { createdAt: number; publishedAt?: number | null; metaSource?: 'poster' | 'blog' | 'moderator' };

const DAY = 86_400_000;

/**
 * When comments on a page close by age (`closeAfterDays`, counted from its publication or first comment); null when they never do.
 * A date the blog page gave (or a moderator set) counts as it is; one only the first poster's browser sent never closes a
 * thread sooner than a day after the thread began: a hostile first poster cannot shut a post's comments by claiming it is old.
 */
export function closingTime(settings: SiteSettings, thread: Dated | undefined): number | null {
  if (!thread || settings.closeAfterDays <= 0) return null;
  const closes = (thread.publishedAt ?? thread.createdAt) + settings.closeAfterDays * DAY;
  const trusted = thread.metaSource === 'blog' || thread.metaSource === 'moderator';
  return trusted ? closes : Math.max(closes, thread.createdAt + DAY);
}

export function closedByAge(settings: SiteSettings, thread: Dated | undefined, now: number): boolean {
  const closes = closingTime(settings, thread);
  return closes !== null && now >= closes;
}
