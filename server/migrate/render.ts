import { autop } from '../content/autop.ts';
import { renderMarkdown } from '../content/markdown.ts';
import { sanitizeHtml } from '../content/sanitize.ts';
import type { Render } from './records.ts';

/** Headings are not part of a comment: WordPress bodies that use them keep them as bold paragraphs. */
const headingsAsBold = (html: string) => html.replace(/<(\/?)h[1-6]\b[^>]*>/gi, (_, closing: string) => (closing ? '</strong></p>' : '<p><strong>'));

/** The stored HTML of an imported comment, always through the same allow-list as every other comment. */
export function renderBody(render: Render): string {
  switch (render.via) {
    case 'wordpress':
      return sanitizeHtml(headingsAsBold(autop(render.input))).trim();
    case 'html':
      return sanitizeHtml(render.input).trim();
    case 'markdown':
      return renderMarkdown(render.input);
  }
}
