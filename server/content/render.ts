import type * as Markdown from './markdown.ts';

/**
 * Markdown → safe HTML (markdown.ts), loaded when the first comment is written or previewed:
 * markdown-it and sanitize-html take 13 MB of a server that is only read from.
 */
let markdown: Promise<typeof Markdown> | undefined;

export async function renderMarkdown(text: string): Promise<string> {
  return (await (markdown ??= import('./markdown.ts'))).renderMarkdown(text);
}
