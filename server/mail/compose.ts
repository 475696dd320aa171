/**
 * The four mails Parley sends, each with a plain-text and an HTML part:
 * a new comment or a reply (to a subscriber), a held comment (to each
 * moderator, with one-click Approve and Spam), the subscription confirmation
 * (double opt-in), and the daily digest.
 */
import type { MailConfig } from './mail-config.ts';
import type { MailComposer, OutgoingMail } from './types.ts';
import type { Comment, Subscription, Thread } from '../db/types.ts';
import { signLink, LINK_LIFETIME_MS, type LinkAction } from './signed-links.ts';
import { button, headerText, htmlDocument, link, para, quote, quoteText, quotedTitle, small, type HtmlBlock } from './layout.ts';
import { pageHref } from '../comments/page-key.ts';
import { randomToken } from '../lib/tokens.ts';

export interface ComposerOptions {
  mail: MailConfig;
  /** SITE_ORIGINS: the first is the blog's origin when a comment did not say where it came from. */
  siteOrigins: readonly string[];
  /** This server's base URL (PUBLIC_URL), for the one-click links. */
  serverUrl: string;
  secret: string;
  clock: () => number;
}

const DAYS = (ms: number) => Math.round(ms / 86_400_000);
/** The block for a link to the blog, or none when the thread's page is not a path (server/comments/page-key.ts). */
const when = (href: string | null, block: (href: string) => HtmlBlock): HtmlBlock[] => (href === null ? [] : [block(href)]);

export function createComposer(options: ComposerOptions): MailComposer {
  const { mail, siteOrigins, serverUrl, secret, clock } = options;
  const domain = mail.from.address.split('@')[1]!;
  const blogOrigin = (origin: string) => origin || siteOrigins[0] || serverUrl;
  const serverLink = (path: string, action: LinkAction, id: number, moderator = 0) =>
    `${serverUrl}/mail/${path}?t=${signLink(secret, { action, id, moderator }, clock())}`;

  function envelope(
    kind: OutgoingMail['kind'],
    to: { name: string; address: string },
    subject: string,
    text: string,
    html: string,
    headers: Record<string, string> = {},
  ): OutgoingMail {
    return {
      kind,
      subject,
      text,
      html,
      to: { name: headerText(to.name, 100), address: to.address },
      headers: { 'Auto-Submitted': 'auto-generated', ...headers },
      messageId: `<${randomToken(18)}@${domain}>`,
    };
  }

  /** The footer of every subscriber mail, and its List-Unsubscribe headers (RFC 2369, RFC 8058). */
  function subscriberFooter(subscription: Subscription, title: string) {
    const unsubscribe = serverLink('unsubscribe', 'unsubscribe', subscription.id);
    const digest = serverLink('digest', 'digest', subscription.id);
    const other = subscription.digest === 'daily' ? 'Get each comment as it is published instead' : 'Get one daily digest instead';
    const why = `You get this mail because you subscribed to new comments on ${title}.`;
    return {
      text: `--\n${why}\n${other}: ${digest}\nUnsubscribe: ${unsubscribe}\n`,
      html: small([para(why), link(other, digest), link('Unsubscribe', unsubscribe)]),
      headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  }

  const author = (comment: Comment) => headerText(comment.authorName, 100) || 'Someone';

  return {
    published({ comment, thread, subscription, reply }) {
      const title = quotedTitle(thread.title, thread.page);
      const subject = `${reply ? 'Reply to your comment' : 'New comment'} on ${title}`;
      const permalink = pageHref(blogOrigin(subscription.origin), thread.page, comment.id);
      const intro = reply ? `${author(comment)} replied to your comment on ${title}:` : `${author(comment)} commented on ${title}:`;
      const footer = subscriberFooter(subscription, title);
      const text = `${intro}\n\n${quoteText(comment.text)}\n\n${permalink ? `Read it and reply: ${permalink}\n\n` : ''}${footer.text}`;
      const html = htmlDocument(subject, [para(intro), quote(comment.html), ...when(permalink, (href) => button('Read it and reply', href)), footer.html]);
      return envelope(reply ? 'reply' : 'comment', { name: subscription.name, address: subscription.email }, subject, text, html, footer.headers);
    },

    held({ comment, thread, moderator, origin, reason }) {
      const title = quotedTitle(thread.title, thread.page);
      const subject = `Comment awaiting moderation on ${title}`;
      const permalink = pageHref(blogOrigin(origin), thread.page, comment.id);
      const approve = serverLink('moderate', 'approve', comment.id, moderator.id);
      const spam = serverLink('moderate', 'spam', comment.id, moderator.id);
      const details = [
        `Author: ${author(comment)}${comment.ip ? ` (IP address ${comment.ip})` : ''}`,
        ...(comment.authorEmail ? [`Email: ${comment.authorEmail}`] : []),
        ...(comment.authorUrl ? [`Website: ${comment.authorUrl}`] : []),
        ...(reason ? [`Why it is held: ${reason}`] : []),
      ];
      const intro = `A new comment on ${title} is waiting for your approval.`;
      const expiry = `The Approve and Spam links work for ${DAYS(LINK_LIFETIME_MS.approve)} days without signing in; they were sent to ${moderator.email} only, and what you do with them is recorded under that name in the audit log.`;
      const admin = `${serverUrl}/admin/`;
      const text =
        `${intro}\n\n${details.join('\n')}\n\n${quoteText(comment.text)}\n\nApprove it: ${approve}\nMark it as spam: ${spam}\n` +
        `${permalink ? `Once approved it will be at: ${permalink}\n` : ''}Moderate it in the admin view: ${admin}\n\n--\n${expiry}\n`;
      const html = htmlDocument(subject, [
        para(intro),
        ...details.map((line) => para(line)),
        quote(comment.html),
        button('Approve', approve),
        button('Spam', spam),
        ...when(permalink, (href) => para(`Once approved it will be at: ${href}`)),
        link('Moderate it in the admin view', admin),
        small([para(expiry)]),
      ]);
      return envelope('held', { name: moderator.name, address: moderator.email }, subject, text, html);
    },

    confirm({ subscription, thread }) {
      const title = quotedTitle(thread.title, thread.page);
      const subject = `Confirm your subscription to comments on ${title}`;
      const confirm = serverLink('confirm', 'confirm', subscription.id);
      const page = pageHref(blogOrigin(subscription.origin), thread.page);
      const intro = `Someone, we hope you, asked to be mailed about new comments on ${title}${page ? ` (${page})` : ''}.`;
      const action = `To start, confirm your subscription (the link works for ${DAYS(LINK_LIFETIME_MS.confirm)} days); you can also choose one daily digest there.`;
      const ignore = 'If it was not you, ignore this mail: you will get nothing more.';
      const text = `${intro}\n\n${action}\nConfirm your subscription: ${confirm}\n\n${ignore}\n`;
      const html = htmlDocument(subject, [para(intro), para(action), button('Confirm subscription', confirm), small([para(ignore)])]);
      return envelope('confirm', { name: subscription.name, address: subscription.email }, subject, text, html);
    },

    digest({ subscription, thread, comments }) {
      const title = quotedTitle(thread.title, thread.page);
      const subject = `Daily digest of new comments on ${title}`;
      const origin = blogOrigin(subscription.origin);
      const footer = subscriberFooter(subscription, title);
      const intro = `${comments.length === 1 ? 'One new comment' : `${comments.length} new comments`} on ${title} since the last digest:`;
      const entries = comments.map(({ comment, reply }) => ({
        heading: `${author(comment)}${reply ? ' replied to your comment' : ''}, ${new Date(comment.createdAt).toUTCString()}:`,
        comment,
        permalink: pageHref(origin, thread.page, comment.id),
      }));
      const text = `${intro}\n\n${entries.map((e) => `${e.heading}\n${quoteText(e.comment.text)}\n${e.permalink ? `${e.permalink}\n` : ''}`).join('\n')}\n${footer.text}`;
      const html = htmlDocument(subject, [
        para(intro),
        ...entries.flatMap((e) => [para(e.heading), quote(e.comment.html), ...when(e.permalink, (href) => link('Read it and reply', href))]),
        footer.html,
      ]);
      return envelope('digest', { name: subscription.name, address: subscription.email }, subject, text, html, footer.headers);
    },
  };
}
