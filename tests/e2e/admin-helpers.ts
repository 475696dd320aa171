import type { BrowserContext, Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../../server/db/open.ts';
import { createRepos } from '../../server/db/repos.ts';
import { hashPassword } from '../../server/auth/password.ts';

export const MOD_EMAIL = 'mod@example.com';
export const MOD_PASSWORD = 'correct horse battery staple';

/** Adds a moderator to the database before the server opens it (what `npm run admin -- create` does). */
export async function createModerator(databasePath: string, email = MOD_EMAIL, password = MOD_PASSWORD): Promise<void> {
  const db = openDatabase(databasePath);
  try {
    await createRepos(db).moderators.create({ email, name: 'Mo', passwordHash: await hashPassword(password), now: Date.now() });
  } finally {
    db.close();
  }
}

/** Opens /admin and signs in through the form. */
export async function signInAtAdmin(page: Page, serverUrl: string, email = MOD_EMAIL, password = MOD_PASSWORD): Promise<void> {
  await page.goto(`${serverUrl}/admin/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Comments' }).waitFor();
}

const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** axe-core's violations on the page as it is now (WCAG 2.x A and AA rules and best practices), as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } })
      .axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** Posts a comment straight to the API (as a widget would), returning the parsed answer. */
export async function postComment(serverUrl: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${serverUrl}/api/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ page: '/post/', title: 'A post', author: { name: 'Ada', email: 'ada@example.com' }, ...body }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/**
 * A blog on its own origin (a second HTTP server on 127.0.0.1): every path is a post embedding the
 * widget with the documented snippet, so the widget's requests to the comment server are cross-origin.
 */
export async function startBlog(serverUrl: string) {
  const attributes = new Map<string, string>();
  const blog = createServer((req, res) => {
    const page = new URL(req.url ?? '/', 'http://blog').pathname;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A post</title></head><body>
      <main><h1>A post</h1><div id="comments"></div></main>
      <script src="${serverUrl}/embed.js" async data-target="#comments" data-page="${page}" data-title="A post" ${attributes.get(page) ?? ''}></script>
      </body></html>`);
  });
  await new Promise<void>((resolve) => blog.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(blog.address() as AddressInfo).port}`;
  return {
    url,
    /** Opens a post in a tab of `context` and waits for the comment area; `extra` adds attributes to the script tag. */
    async open(context: BrowserContext, page: string, extra = ''): Promise<Page> {
      attributes.set(page, extra);
      const tab = await context.newPage();
      await tab.goto(`${url}${page}`);
      await tab.locator('#comments h3, #comments .parley > p:not(.parley-live)').first().waitFor();
      return tab;
    },
    close: () => new Promise<void>((resolve) => { blog.closeAllConnections(); blog.close(() => resolve()); }),
  };
}

/** Fills the widget's guest form and posts. */
export async function postAsGuest(page: Page, fields: { text: string; name: string; email: string }) {
  const form = page.locator('#comments form.parley-form');
  await form.getByLabel('Comment', { exact: true }).fill(fields.text);
  await form.getByLabel(/^Email/).fill(fields.email);
  await form.getByLabel(/^Name/).fill(fields.name);
  await form.getByRole('button', { name: 'Post Comment' }).click();
}

/** A comment in the widget, by a piece of its text. */
export const widgetComment = (page: Page, text: string) => page.locator('#comments article.parley-comment', { hasText: text });
