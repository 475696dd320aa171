import type { Context } from 'hono';
import type { Deps } from '../deps.ts';
import type { Comment, Thread } from '../db/domain.ts';
import type { Decision } from '../moderation/decide.ts';
import { parse } from '../http/validate.ts';
import { clientIp } from '../http/client-ip.ts';
import { ownOrigin } from '../http/own-origin.ts';
import { renderComment } from '../content/render.ts';
import { createScreening } from '../moderation/screen.ts';
import { randomToken, sha256 } from '../lib/tokens.ts';
import { pageOrigin } from '../mail/page-origin.ts';
import { AppError, invalid } from '../errors.ts';
import { avatarKey } from './avatar-key.ts';
import type { Account } from './identity.ts';
import { postCommentSchema, siteOfComment } from './schemas.ts';

export interface Posted {
  comment: Comment;
  thread: Thread;
  decision: Decision;
  /** A guest's edit token secret (null for a signed-in author). */
  secret: string | null;
}

/**
 * A new comment, as the JSON API (`POST /api/comments`) and the HTML form (`POST /comments/form`)
 * both take it: sign-in rule, rate limits, validation by the site's rules, rendering, screening
 * (bans, closed threads, moderation rules, honeypot and fill time, Akismet), then storage.
 */
export function createPoster(deps: Deps) {
  const { config, repos, clock } = deps;
  const strictSchema = postCommentSchema({ ...config, requireNameEmail: true });
  const lenientSchema = postCommentSchema({ ...config, requireNameEmail: false });
  const signedInSchema = postCommentSchema(config, true);
  const screen = createScreening(deps);

  /** Counts one post for the client's address (and account); 401 when the server asks for sign-in and there is none; 429 past the limit. */
  async function admit(c: Context, account: Account | null): Promise<void> {
    if (!account && config.auth.requireSignIn) {
      throw new AppError(401, 'sign_in_required', 'Sign in with one of the providers above to comment here.');
    }
    await deps.limits.comments.hit(`ip:${clientIp(c, config.trustProxy)}`);
    if (account) await deps.limits.comments.hit(`account:${account.id}`);
  }

  /** Validates `body` (the API's shape) and stores the comment with the status its screening gave. */
  async function post(c: Context, body: unknown, account: Account | null): Promise<Posted> {
    const ip = clientIp(c, config.trustProxy);
    const settings = await repos.sites.settings(parse(siteOfComment, body).site);
    const guestSchema = (settings.requireNameEmail ?? config.requireNameEmail) ? strictSchema : lenientSchema;
    const input = parse(account ? signedInSchema : guestSchema, body);
    const author = account
      ? { name: account.name, email: account.email, url: account.url }
      : { name: input.author.name, email: input.author.email, url: input.author.url };
    if (input.notify && config.mail && !author.email) {
      throw invalid('author.email', 'required', 'email is required to be notified of new comments.');
    }
    const html = await renderComment(input.text);
    const publishedAt = publicationTime(input.published, clock());
    const userAgent = (c.req.header('user-agent') ?? '').slice(0, 300);
    const decision = await screen(
      {
        siteId: input.site,
        page: input.page,
        text: input.text,
        html,
        author,
        account,
        ip,
        userAgent,
        referrer: c.req.header('referer') ?? '',
        origin: c.req.header('origin') ?? '',
        form: { hp: input.hp ? 'filled' : '', elapsed: input.elapsed },
        publishedAt,
      },
      settings,
    );
    const secret = account ? null : randomToken();
    const origin = pageOrigin(config.siteOrigins, c.req.header('origin'), ownOrigin(c, config));
    const { comment, thread } = await repos.comments.postComment({
      siteId: input.site,
      page: input.page,
      title: input.title,
      parentId: input.parent,
      status: decision.status,
      reason: decision.reason,
      publishedAt,
      text: input.text,
      html,
      authorName: author.name,
      authorEmail: author.email,
      authorUrl: author.url,
      avatarKey: account?.avatarKey ?? avatarKey(deps.secret, author),
      accountId: account?.id ?? null,
      authorProvider: account?.provider ?? '',
      isModerator: account?.isModerator ?? false,
      ip,
      userAgent,
      editTokenHash: secret && sha256(secret),
      notify: input.notify,
      createdAt: clock(),
      maxDepth: config.maxDepth,
      origin,
      lang: input.lang,
    });
    // The stored title and date are the poster's until the blog page says otherwise (fetched once, after this answer).
    deps.pages.consider(thread, origin);
    return { comment, thread, decision, secret };
  }

  return { admit, post };
}

export type Poster = ReturnType<typeof createPoster>;

/** A page's publication time as the widget read it from the page; unreadable or future dates are ignored. */
function publicationTime(value: string | undefined, now: number): number | null {
  const time = value ? Date.parse(value) : NaN;
  return Number.isFinite(time) && time <= now && time > Date.UTC(1990, 0, 1) ? time : null;
}
