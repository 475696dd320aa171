import type { Deps } from '../deps.ts';
import type { Account } from '../comments/identity.ts';
import type { SiteSettings } from '../db/types.ts';
import type { Ban } from '../db/types.ts';
import { AppError } from '../errors.ts';
import { closedByAge, decide, PUBLISH, type Decision } from './decide.ts';
import { formChecks, type FormSignals } from './form-checks.ts';

export interface Submission {
  siteId: string;
  page: string;
  text: string;
  html: string;
  author: { name: string; email: string; url: string };
  account: Account | null;
  ip: string;
  userAgent: string;
  referrer: string;
  /** The embedding page's origin (the request's Origin header), for Akismet's `blog`. */
  origin: string;
  form: FormSignals;
  publishedAt: number | null;
}

const RANK = { approved: 0, pending: 1, spam: 2 } as const;
const worse = (a: Decision, b: Decision | null) => (b && RANK[b.status] > RANK[a.status] ? b : a);

/**
 * Everything a new comment goes through before it is stored: bans (403),
 * closed threads (403), the site's rules, the form's spam signals and, when
 * configured, Akismet. Answers the status to store it with and why.
 */
export function createScreening(deps: Deps) {
  const { repos, config, clock } = deps;

  return async function screen(input: Submission, settings: SiteSettings): Promise<Decision> {
    const now = clock();
    const ban = await repos.bans.activeBan({ accountId: input.account?.id ?? null, email: input.author.email, ip: input.ip }, now);
    if (ban) throw banned(ban);
    const thread = await repos.comments.findThread(input.siteId, input.page);
    const age = thread ? { ...thread, publishedAt: thread.publishedAt ?? input.publishedAt } : { createdAt: now, publishedAt: input.publishedAt };
    if (closedByAge(settings, age, now)) throw new AppError(403, 'thread_locked', 'Comments are closed on this page.');
    if (input.account?.isModerator) return PUBLISH;

    const knownAuthor = input.account ? true : await repos.sites.knownAuthor(input.siteId, input.author.email, input.author.name);
    const matchable = { text: input.text, name: input.author.name, email: input.author.email, url: input.author.url, ip: input.ip };
    const decision = worse(decide(settings, { ...matchable, html: input.html, knownAuthor }), formChecks(input.form, config.minFillMs));
    if (decision.status === 'spam' || !deps.akismet) return decision;
    return worse(decision, await askAkismet(input));
  };

  async function askAkismet(input: Submission): Promise<Decision | null> {
    const blog = input.origin || config.publicUrl;
    const verdict = await deps.akismet!.check({
      blog,
      permalink: input.page.startsWith('/') && blog ? `${blog}${input.page}` : input.page,
      userIp: input.ip,
      userAgent: input.userAgent,
      referrer: input.referrer,
      author: input.author.name,
      email: input.author.email,
      url: input.author.url,
      content: input.text,
      createdAt: clock(),
    });
    if (verdict.kind === 'spam') return { status: 'spam', reason: 'Akismet says it is spam' };
    if (verdict.kind === 'ham') return null;
    return { status: 'pending', reason: `Akismet could not be reached (${verdict.detail}); held for a person to check` };
  }
}

function banned(ban: Ban): AppError {
  const until = ban.expiresAt === null ? '' : ` until ${new Date(ban.expiresAt).toUTCString()}`;
  return new AppError(403, 'banned', `You have been banned from commenting here${until}.`);
}

export type Screen = ReturnType<typeof createScreening>;
