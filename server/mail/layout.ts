/**
 * The pieces every mail is made of: header-safe text, escaped HTML, the
 * HTML frame and the plain-text footer. Nothing a reader typed reaches a
 * header unless it went through `headerText`.
 */
import { threadName } from '../comments/page-key.ts';

/** Line breaks, other control characters and Unicode line separators, which must never reach a header. */
const HEADER_BREAKERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Text for a header (a subject, a display name): every line break or control
 * character becomes a space, runs of spaces collapse, and it is cut to `max`
 * characters. nodemailer then encodes what is not ASCII.
 */
export function headerText(value: string, max = 200): string {
  const flat = value.replace(HEADER_BREAKERS, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** `“TITLE”`, or the page when the thread has no title. */
export function quotedTitle(title: string, page: string): string {
  return `“${headerText(threadName(title, page), 300)}”`;
}

export interface HtmlBlock {
  /** Escaped HTML. */
  html: string;
}

export const para = (text: string): HtmlBlock => ({ html: `<p style="margin:0 0 16px">${escapeHtml(text)}</p>` });
export const link = (label: string, href: string): HtmlBlock => ({
  html: `<p style="margin:0 0 16px"><a href="${escapeHtml(href)}" style="color:#0a58ca">${escapeHtml(label)}</a></p>`,
});
export const button = (label: string, href: string): HtmlBlock => ({
  html: `<a href="${escapeHtml(href)}" style="display:inline-block;margin:0 8px 16px 0;padding:10px 16px;border-radius:4px;background:#0a58ca;color:#fff;text-decoration:none;font-weight:600">${escapeHtml(label)}</a>`,
});
/** A comment's stored HTML, which the server's allow-list already made safe (server/content/sanitize.ts). */
export const quote = (safeHtml: string): HtmlBlock => ({
  html: `<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #ccc;color:#222">${safeHtml}</blockquote>`,
});
export const small = (parts: HtmlBlock[]): HtmlBlock => ({
  html: `<div style="margin-top:24px;padding-top:12px;border-top:1px solid #ddd;font-size:13px;color:#555">${parts.map((p) => p.html).join('')}</div>`,
});

export function htmlDocument(title: string, blocks: HtmlBlock[]): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="margin:0;padding:24px;font:16px/1.5 -apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1d2327;background:#fff">` +
    `<div style="max-width:600px">${blocks.map((b) => b.html).join('')}</div></body></html>`
  );
}

/** Indents a comment's text as a quotation in the plain-text part. */
export function quoteText(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}
