import type { renderMarkdown } from './markdown.ts';

let markdown: Promise<typeof renderMarkdown> | undefined;

/**
 * `renderMarkdown`, loaded at the first comment written or previewed: markdown-it
 * and the sanitizer (sanitize-html, htmlparser2, postcss) stay out of a server
 * that has only served reads so far.
 */
export async function renderLater(text: string): Promise<string> {
  markdown ??= import('./markdown.ts').then((module) => module.renderMarkdown);
  return (await markdown)(text);
}
