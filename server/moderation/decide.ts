import type { SiteSettings } from '../db/sites-repo.ts';

export interface Decision {
  status: 'approved' | 'pending' | 'spam';
  /** Why it was held or marked spam, for the moderator; '' when published. */
  reason: string;
}

const LINK = /<a\s/gi;

/** The site's moderation rules applied to one new comment (its rendered HTML counts the links). */
export function decide(settings: SiteSettings, comment: { html: string; knownAuthor: boolean }): Decision {
  if (settings.moderation === 'all') return { status: 'pending', reason: 'every comment is held for moderation' };
  if (settings.moderation === 'first-time' && !comment.knownAuthor) {
    return { status: 'pending', reason: 'first comment by this author' };
  }
  const links = comment.html.match(LINK)?.length ?? 0;
  if (settings.holdLinks > 0 && links >= settings.holdLinks) {
    return { status: 'pending', reason: `${links} links (the limit is ${settings.holdLinks - 1})` };
  }
  return { status: 'approved', reason: '' };
}
