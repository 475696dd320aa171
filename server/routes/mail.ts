import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Deps } from '../deps.ts';
import type { DigestChoice } from '../mail/types.ts';
import { readLink, type LinkAction, type LinkClaims } from '../mail/signed-links.ts';
import { a, digestFields, expiredLink, form, invalidLink, mailPage, p, type MailPage } from '../mail/pages.ts';
import { quotedTitle, quotedTitleIn } from '../mail/layout.ts';
import { pageHref } from '../comments/page-key.ts';
import { acceptedStrings, fill, serverStrings, type ServerStrings } from '../i18n/index.ts';
import { akismetFeedback } from '../moderation/akismet-feedback.ts';

const show = (c: Context, page: MailPage) => c.body(page.html, page.status, page.headers);

/** The form's `digest` field, as one of the two choices. */
const digestOf = (value: unknown): DigestChoice => (value === 'daily' ? 'daily' : 'immediate');

/**
 * The one-click links in mails (`/mail/*`, outside `/api`: they are pages on
 * this server, not API calls from the blog). GET shows a page with a button;
 * only the POST acts — except that the unsubscribe URL also takes the
 * List-Unsubscribe-Post one-click POST (RFC 8058) that mail clients send.
 */
export function mailRoutes(deps: Deps) {
  const { repos, secret, clock, config } = deps;
  const feedback = akismetFeedback(deps);
  /** Where the blog is, as the mails say it (server/mail/page-origin.ts); this server itself for a local trial. */
  const blog = (c: Context, origin: string) => origin || config.siteOrigins[0] || config.publicUrl || new URL(c.req.url).origin;

  /**
   * The link's claims, or the page that explains why it cannot be used: in the browser's language
   * (Accept-Language), as no subscription says which; a moderator's link in English.
   */
  function check(
    c: Context,
    actions: readonly LinkAction[],
    hint: (s: ServerStrings) => string,
    s = acceptedStrings(c.req.header('accept-language')),
  ): LinkClaims | MailPage {
    const result = readLink(secret, c.req.query('t') ?? '', actions, clock());
    if (result.ok) return result.claims;
    return result.reason === 'expired' ? expiredLink(hint(s), s) : invalidLink(s);
  }
  const self = (c: Context) => `?t=${encodeURIComponent(c.req.query('t') ?? '')}`;
  const formBody = async (c: Context) => (c.req.method === 'POST' ? await c.req.parseBody() : {});

  /** The pages behind a subscriber's links, in the language of the page they subscribed on. */
  async function subscriptionPage(c: Context, action: 'confirm' | 'unsubscribe' | 'digest') {
    const claims = check(c, [action], (s) => (action === 'confirm' ? s.pages.hintConfirm : s.pages.hintNewer));
    if ('html' in claims) return show(c, claims);
    const found = await repos.mail.subscription(claims.id);
    if (!found) {
      const s = acceptedStrings(c.req.header('accept-language'));
      return show(c, mailPage(s.pages.goneTitle, p(s.pages.gone), 404, s));
    }
    const { subscription, thread } = found;
    const s = serverStrings(subscription.lang);
    const page = (title: string, body: string) => show(c, mailPage(title, body, 200, s));
    const title = quotedTitleIn(s, thread.title, thread.page);
    const say = (text: string) => p(fill(text, { title }));
    const home = pageHref(blog(c, subscription.origin), thread.page);
    const back = home === null ? '' : a(fill(s.pages.back, { title }), home);
    const body = await formBody(c);
    const posting = c.req.method === 'POST';
    if (subscription.state === 'unsubscribed') return page(s.pages.unsubscribedTitle, say(s.pages.alreadyUnsubscribed) + back);
    if (action === 'unsubscribe') {
      if (!posting) return page(s.pages.unsubscribeTitle, say(s.pages.unsubscribeAsk) + form(self(c), s.pages.unsubscribe));
      await repos.mail.unsubscribe(subscription.id);
      return page(s.pages.unsubscribedTitle, say(s.pages.unsubscribed) + back);
    }
    if (!posting) {
      const confirming = action === 'confirm';
      const intro = confirming && subscription.state === 'pending' ? s.pages.confirmAsk : s.pages.settingsAsk;
      return page(
        confirming ? s.pages.confirmTitle : s.pages.settingsTitle,
        say(intro) + form(self(c), confirming ? s.pages.confirm : s.pages.save, digestFields(subscription.digest, s)),
      );
    }
    const digest = digestOf(body.digest);
    const saved =
      action === 'confirm' ? await repos.mail.confirm(subscription.id, digest, clock()) : await repos.mail.setDigest(subscription.id, digest, clock());
    if (!saved) return page(s.pages.notConfirmedTitle, say(s.pages.notConfirmed) + back);
    return page(s.pages.subscribedTitle, say(saved.digest === 'daily' ? s.pages.subscribedDaily : s.pages.subscribed) + back);
  }

  async function moderatePage(c: Context) {
    const claims = check(c, ['approve', 'spam'], () => 'Moderate the comment in the admin view instead.', serverStrings('en'));
    if ('html' in claims) return show(c, claims);
    const moderator = await repos.moderators.findById(claims.moderator);
    if (!moderator) return show(c, mailPage('This link does not work', p('The moderator this link was sent to no longer exists.'), 400));
    const found = await repos.comments.findComment(claims.id);
    const admin = a('Open the admin view', `${config.publicUrl}/admin/`);
    if (!found || found.comment.status === 'deleted') return show(c, mailPage('No such comment', p('The comment was deleted.') + admin, 404));
    const { comment, thread } = found;
    const verb = claims.action === 'approve' ? 'Approve' : 'Mark as spam';
    const target = claims.action === 'approve' ? 'approved' : 'spam';
    const title = quotedTitle(thread.title, thread.page);
    if (comment.status === target)
      return show(c, mailPage(`Already ${target}`, p(`This comment on ${title} is already ${target === 'spam' ? 'marked as spam' : 'approved'}.`) + admin));
    if (c.req.method === 'GET') {
      const excerpt = comment.text.length > 600 ? `${comment.text.slice(0, 600)}…` : comment.text;
      return show(
        c,
        mailPage(
          `${verb} this comment?`,
          p(`${comment.authorName || 'Someone'} wrote on ${title}:`) +
            `<blockquote>${p(excerpt)}</blockquote>` +
            p(`You act as ${moderator.email}; the audit log records it.`) +
            form(self(c), verb) +
            admin,
        ),
      );
    }
    const result = await repos.moderation.apply([comment.id], claims.action === 'approve' ? 'approve' : 'spam', moderator, clock());
    feedback(result, [found]);
    const done = result.done.length > 0;
    const outcome = claims.action === 'approve' ? 'The comment is approved and published.' : 'The comment is marked as spam.';
    return show(c, mailPage(done ? 'Done' : 'Nothing to do', p(done ? outcome : `Nothing changed: ${result.skipped[0]?.reason ?? 'unknown'}.`) + admin));
  }

  return new Hono()
    .use('/mail/*', bodyLimit({ maxSize: 8 * 1024, onError: (c) => show(c, invalidLink(acceptedStrings(c.req.header('accept-language')))) }))
    .get('/mail/confirm', (c) => subscriptionPage(c, 'confirm'))
    .post('/mail/confirm', (c) => subscriptionPage(c, 'confirm'))
    .get('/mail/digest', (c) => subscriptionPage(c, 'digest'))
    .post('/mail/digest', (c) => subscriptionPage(c, 'digest'))
    .get('/mail/unsubscribe', (c) => subscriptionPage(c, 'unsubscribe'))
    .post('/mail/unsubscribe', (c) => subscriptionPage(c, 'unsubscribe'))
    .get('/mail/moderate', moderatePage)
    .post('/mail/moderate', moderatePage);
}
