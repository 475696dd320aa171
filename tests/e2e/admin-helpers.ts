import { openHost, startBlog as startHostBlog } from './host.ts';
import type { BrowserContext, Page } from 'playwright-core';
import { createRequire } from 'node:module';
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
    (
      window as unknown as {
        axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> };
      }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }),
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
 * The stand-in blog of host.ts, with an `open` that loads a post (any path) embedding the widget
 * and waits for the comment area; `extra` adds attributes to the script tag.
 */
export async function startBlog(serverUrl: string) {
  const blog = await startHostBlog();
  return {
    url: blog.origin,
    async open(context: BrowserContext, page: string, extra = ''): Promise<Page> {
      const tab = await openHost(context, blog, { url: serverUrl }, { page, title: 'A post', attributes: extra });
      await tab.locator('#comments h3, #comments .parley > p:not(.parley-live)').first().waitFor();
      return tab;
    },
    close: blog.close,
  };
}

export { postAsGuest } from './host.ts';

/** A comment in the widget, by a piece of its text. */
export const widgetComment = (page: Page, text: string) => page.locator('#comments article.parley-comment', { hasText: text });
