import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Deps } from '../deps.ts';
import type { DigestChoice } from '../mail/types.ts';
import { readLink, type LinkAction, type LinkClaims } from '../mail/signed-links.ts';
import { a, digestFields, expiredLink, form, invalidLink, mailPage, p, type MailPage } from '../mail/pages.ts';
import { quotedTitle } from '../mail/layout.ts';
import { pageHref } from '../comments/page-key.ts';
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

  /** The link's claims, or the page that explains why it cannot be used. */
  function check(c: Context, actions: readonly LinkAction[], expiredHint: string): LinkClaims | MailPage {
    const result = readLink(secret, c.req.query('t') ?? '', actions, clock());
    if (result.ok) return result.claims;
    return result.reason === 'expired' ? expiredLink(expiredHint) : invalidLink();
  }
  const self = (c: Context) => `?t=${encodeURIComponent(c.req.query('t') ?? '')}`;
  const formBody = async (c: Context) => (c.req.method === 'POST' ? await c.req.parseBody() : {});

  async function subscriptionPage(c: Context, action: 'confirm' | 'unsubscribe' | 'digest') {
    const hint = action === 'confirm' ? 'Tick the box again when you next comment to get a new confirmation mail.' : 'Use the link in a newer mail.';
    const claims = check(c, [action], hint);
    if ('html' in claims) return show(c, claims);
    const found = await repos.mail.subscription(claims.id);
    if (!found) return show(c, mailPage('No such subscription', p('This subscription no longer exists: the page or its comments were removed.'), 404));
    const { subscription, thread } = found;
    const title = quotedTitle(thread.title, thread.page);
    const home = pageHref(blog(c, subscription.origin), thread.page);
    const back = home === null ? '' : a(`Back to ${title}`, home);
    const body = await formBody(c);
    const posting = c.req.method === 'POST';
    if (subscription.state === 'unsubscribed') {
      return show(
        c,
        mailPage(
          'You are unsubscribed',
          p(`You get no mails about new comments on ${title}. To subscribe again, tick the box when you next comment there.`) + back,
        ),
      );
    }
    if (action === 'unsubscribe') {
      if (!posting) return show(c, mailPage('Unsubscribe?', p(`Stop mails about new comments on ${title}?`) + form(self(c), 'Unsubscribe')));
      await repos.mail.unsubscribe(subscription.id);
      return show(c, mailPage('You are unsubscribed', p(`You will get no more mails about new comments on ${title}.`) + back));
    }
    if (!posting) {
      const intro =
        action === 'confirm' && subscription.state === 'pending'
          ? `Confirm that you want mails about new comments on ${title}.`
          : `Choose how you get mails about new comments on ${title}.`;
      return show(
        c,
        mailPage(
          action === 'confirm' ? 'Confirm your subscription' : 'Mail settings',
          p(intro) + form(self(c), action === 'confirm' ? 'Confirm subscription' : 'Save', digestFields(subscription.digest)),
        ),
      );
    }
    const digest = digestOf(body.digest);
    const saved =
      action === 'confirm' ? await repos.mail.confirm(subscription.id, digest, clock()) : await repos.mail.setDigest(subscription.id, digest, clock());
    if (!saved) return show(c, mailPage('Not confirmed yet', p(`Confirm your subscription to ${title} from the confirmation mail first.`) + back));
    const how = saved.digest === 'daily' ? 'one daily digest of the new comments' : 'a mail for each new comment';
    return show(c, mailPage('You are subscribed', p(`You will get ${how} on ${title}. Each mail has a link to unsubscribe.`) + back));
  }

  async function moderatePage(c: Context) {
    const claims = check(c, ['approve', 'spam'], 'Moderate the comment in the admin view instead.');
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
    .use('/mail/*', bodyLimit({ maxSize: 8 * 1024, onError: (c) => show(c, invalidLink()) }))
    .get('/mail/confirm', (c) => subscriptionPage(c, 'confirm'))
    .post('/mail/confirm', (c) => subscriptionPage(c, 'confirm'))
    .get('/mail/digest', (c) => subscriptionPage(c, 'digest'))
    .post('/mail/digest', (c) => subscriptionPage(c, 'digest'))
    .get('/mail/unsubscribe', (c) => subscriptionPage(c, 'unsubscribe'))
    .post('/mail/unsubscribe', (c) => subscriptionPage(c, 'unsubscribe'))
    .get('/mail/moderate', moderatePage)
    .post('/mail/moderate', moderatePage);
}
