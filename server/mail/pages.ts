/**
 * The small pages behind the links in mails. A GET only shows what will
 * happen and a button: mail scanners fetch links before people click them, so
 * nothing changes until the button POSTs. Every value is escaped; the policy
 * allows no script at all and forms only to this server.
 */
import { randomToken } from '../lib/tokens.ts';
import { escapeHtml } from './layout.ts';
import type { DigestChoice } from './types.ts';

export interface MailPage {
  status: 200 | 400 | 404 | 410;
  html: string;
  headers: Record<string, string>;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1d2327;background:#fff}
h1{font-size:1.4rem}blockquote{margin:0 0 1rem;padding:.5rem 1rem;border-left:4px solid #ccc}fieldset{border:1px solid #ccc;margin:0 0 1rem}
label{display:block;margin:.3rem 0}button{font:inherit;padding:.5rem 1.2rem;background:#0a58ca;color:#fff;border:0;border-radius:4px;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #1d2327;outline-offset:2px}a{color:#0a58ca}.error{color:#b32d2e}`;

export function mailPage(title: string, body: string, status: MailPage['status'] = 200): MailPage {
  const nonce = randomToken(16);
  return {
    status,
    html:
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style></head>` +
      `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
      'Cache-Control': 'no-store',
      // The page's URL holds the link's token: it must not leak to the blog through a Referer.
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    },
  };
}

export const p = (text: string) => `<p>${escapeHtml(text)}</p>`;
export const a = (label: string, href: string) => `<p><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></p>`;

/** A form that POSTs back to the page's own URL (the token stays in the query string). */
export function form(action: string, button: string, fields = ''): string {
  return `<form method="post" action="${escapeHtml(action)}">${fields}<button type="submit">${escapeHtml(button)}</button></form>`;
}

export function digestFields(current: DigestChoice): string {
  const option = (value: DigestChoice, label: string) =>
    `<label><input type="radio" name="digest" value="${value}"${value === current ? ' checked' : ''}> ${escapeHtml(label)}</label>`;
  return (
    `<fieldset><legend>How often should we mail you?</legend>${option('immediate', 'A mail for each new comment, as it is published')}` +
    `${option('daily', 'One daily digest of the new comments')}</fieldset>`
  );
}

export const invalidLink = () =>
  mailPage(
    'This link does not work',
    p('The link is not valid. Copy the whole link from the mail into the address bar, or use the link in a newer mail.'),
    400,
  );

export const expiredLink = (hint: string) => mailPage('This link has expired', p(`The link is too old to use. ${hint}`), 410);
