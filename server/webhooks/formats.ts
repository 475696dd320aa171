/**
 * One payload, as each kind of receiver takes it: the signed JSON itself, or a short chat
 * message for Slack, Discord or a Matrix room, with Approve / Spam / Moderate links. What a
 * commenter wrote is escaped for each (no mentions, no markup of theirs).
 */
import type { WebhookFormat } from '../db/types.ts';
import type { WebhookPayload } from './payload.ts';

export interface WebhookRequest {
  method: 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body: string;
}

const HEADLINES: Record<WebhookPayload['event'], string> = {
  'comment.created': 'New comment',
  'comment.held': 'Comment held for moderation',
  'comment.approved': 'Comment approved',
  'comment.spam': 'Comment marked as spam',
  'comment.reported': 'Comment reported by a reader',
  'comment.deleted': 'Comment deleted',
};

const EXCERPT = 500;
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/**
 * Approve / Spam for a comment awaiting a moderator (held, or reported): the signed one-click
 * links when WEBHOOK_MODERATOR gave some, else the admin view at that comment (signing in there).
 * Approve only where it would publish something.
 */
function decisions(p: WebhookPayload): Array<[string, string]> {
  if (p.event !== 'comment.held' && p.event !== 'comment.reported') return [];
  const approve = p.actions ? p.actions.approve : p.comment.status === 'approved' ? undefined : p.moderationUrl;
  const links: Array<[string, string]> = approve ? [['Approve', approve]] : [];
  links.push(['Spam', p.actions?.spam ?? p.moderationUrl]);
  return links;
}

/** The message's parts, as plain text; each format escapes and links them its own way. */
function parts(p: WebhookPayload) {
  const who = p.comment.author.name || 'Someone';
  const links = decisions(p);
  if (p.pageUrl && p.comment.status === 'approved') links.push(['View', p.pageUrl]);
  links.push(['Moderate', p.moderationUrl]);
  return { headline: `${HEADLINES[p.event]}: ${who} on “${p.title}”`, quote: cut(p.comment.text.replace(/\s+/g, ' ').trim(), EXCERPT), links };
}

const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const discordEscape = (s: string) => s.replace(/([\\*_~`|>[\]()#<@])/g, '\\$1');
const htmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function slack(p: WebhookPayload): object {
  const { headline, quote, links } = parts(p);
  const text = [
    `*${slackEscape(headline)}*`,
    quote ? `>${slackEscape(quote)}` : '',
    links.map(([label, url]) => `<${url.replace(/[|>]/g, encodeURIComponent)}|${label}>`).join(' · '),
  ]
    .filter(Boolean)
    .join('\n');
  return { text, unfurl_links: false, unfurl_media: false };
}

function discord(p: WebhookPayload): object {
  const { headline, quote, links } = parts(p);
  const linkLine = links.map(([label, url]) => `[${label}](<${url.replace(/>/g, '%3E')}>)`).join(' · ');
  const head = `**${discordEscape(headline)}**`;
  const room = 2000 - head.length - linkLine.length - 8;
  const quoted = quote ? `> ${discordEscape(cut(quote, Math.max(0, room)))}` : '';
  return { content: [head, quoted, linkLine].filter(Boolean).join('\n'), allowed_mentions: { parse: [] } };
}

function matrix(p: WebhookPayload): object {
  const { headline, quote, links } = parts(p);
  const body = [headline, quote ? `> ${quote}` : '', links.map(([label, url]) => `${label}: ${url}`).join('\n')].filter(Boolean).join('\n');
  const html = [
    `<strong>${htmlEscape(headline)}</strong>`,
    quote ? `<blockquote>${htmlEscape(quote)}</blockquote>` : '',
    links.map(([label, url]) => `<a href="${htmlEscape(url)}">${label}</a>`).join(' · '),
  ]
    .filter(Boolean)
    .join('<br>');
  return { msgtype: 'm.notice', body, format: 'org.matrix.custom.html', formatted_body: html };
}

/**
 * The request for one delivery. A Matrix room takes a PUT with the delivery id as its
 * transaction id (a retry is then the same message), and its access token in the
 * Authorization header rather than the URL.
 */
export function webhookRequest(format: WebhookFormat, target: string, deliveryId: string, payload: string): WebhookRequest {
  const p = JSON.parse(payload) as WebhookPayload;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'Parley comment server (webhook)' };
  if (format === 'json') return { method: 'POST', url: target, headers, body: payload };
  if (format === 'slack') return { method: 'POST', url: target, headers, body: JSON.stringify(slack(p)) };
  if (format === 'discord') return { method: 'POST', url: target, headers, body: JSON.stringify(discord(p)) };
  const url = new URL(target);
  const token = url.searchParams.get('access_token');
  if (token) {
    url.searchParams.delete('access_token');
    headers.Authorization = `Bearer ${token}`;
  }
  url.pathname = `${url.pathname.replace(/\/$/, '')}/${encodeURIComponent(deliveryId)}`;
  return { method: 'PUT', url: url.href, headers, body: JSON.stringify(matrix(p)) };
}
