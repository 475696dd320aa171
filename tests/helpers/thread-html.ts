import type { TestApp } from './test-app.ts';

/** The server-drawn thread's HTML for `query` (GET /thread.html), and the answer it came in. */
export async function fragment(t: TestApp, query = 'page=/post/', headers?: Record<string, string>) {
  const response = await t.get(`/thread.html?${query}`, headers);
  return { response, html: await response.text() };
}

/** How many times `text` is in `html`. */
export const count = (html: string, text: string) => html.split(text).length - 1;
