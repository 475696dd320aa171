import MarkdownIt from 'markdown-it';
import { safeHref, sanitizeHtml } from './sanitize.ts';

/**
 * Comment Markdown: CommonMark emphasis, links, lists, quotes and code, with
 * single line breaks kept and bare URLs linked. Raw HTML is shown as the text
 * it is; images and headings are not part of a comment.
 */
const md = new MarkdownIt('commonmark', { html: false, linkify: true, breaks: true, typographer: false });
md.enable(['linkify', 'strikethrough']);
md.disable(['image', 'heading', 'lheading', 'html_block', 'html_inline']);
// Links, autolinks and bare URLs only to where the allow-list lets a link go;
// `[text](/page)` stays the text it was typed as rather than losing its URL.
md.validateLink = (url) => safeHref(url) !== undefined;

/** Markdown in, safe HTML out: rendered, then passed through the allow-list. */
export function renderMarkdown(text: string): string {
  return sanitizeHtml(md.render(text)).trim();
}
