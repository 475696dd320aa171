/**
 * Markdown to safe HTML for the reader-facing routes, with its code (markdown-it, sanitize-html
 * and the postcss it brings) loaded on first use: a server that so far only answered reads does
 * not carry it (SPEC §10: memory). The first post or preview after a start pays the import once.
 */
let markdown: Promise<typeof import('./markdown.ts')> | undefined;

export async function renderComment(text: string): Promise<string> {
  markdown ??= import('./markdown.ts').catch((error: unknown) => {
    markdown = undefined; // a failed import is retried by the next post
    throw error;
  });
  return (await markdown).renderMarkdown(text);
}
