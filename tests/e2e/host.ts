import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';

export interface HostOptions {
  page?: string;
  title?: string;
  /** Extra markup for the host page's <head> (e.g. a hostile stylesheet). */
  head?: string;
  /** Extra markup after the comment area. */
  body?: string;
  hash?: string;
  /** Attributes for the script tag, e.g. `data-theme="dark"`. */
  attributes?: string;
}

/**
 * A stand-in blog on its own loopback port: another origin than the Parley
 * server, so every request the widget makes is a real cross-origin one.
 * (Pages faked with request interception would count as public and Chromium
 * would refuse them access to a loopback server.)
 */
export async function startBlog() {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const html = pages.get(new URL(req.url!, 'http://blog').pathname);
    if (html === undefined) return res.writeHead(404).end('no such page');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(server.address() as { port: number }).port}`;
  return {
    origin,
    /** Serves `html` at `path` and returns its URL. */
    serve(path: string, html: string): string {
      pages.set(path, html);
      return `${origin}${path}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type Blog = Awaited<ReturnType<typeof startBlog>>;

let counter = 0;

/** Opens a blog post page with the documented snippet pointing at `server`. */
export async function openHost(context: BrowserContext, blog: Blog, server: Pick<RunningServer, 'url'>, options: HostOptions = {}): Promise<Page> {
  const { page = '/2019/07/a-post/', title = 'A Post', head = '', body = '', hash = '', attributes = '' } = options;
  const url = blog.serve(
    `/host/${++counter}${page}`,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>
        <article><h1>${title}</h1><p>Post body.</p></article>
        <div id="comments"></div>
        <script src="${server.url}/embed.js" async data-target="#comments" data-page="${page}" data-title="${title}" ${attributes}></script>
        ${body}</body></html>`,
  );
  const tab = await context.newPage();
  await tab.goto(url + hash);
  return tab;
}

/** The comment area's locator root (Playwright locators pierce the open shadow root). */
export const area = (page: Page) => page.locator('#comments');

/** Fills the guest form and posts. */
export async function postAsGuest(page: Page, fields: { text: string; name?: string; email?: string; url?: string }) {
  const form = area(page).locator('form.parley-form');
  await form.getByLabel('Comment', { exact: true }).fill(fields.text);
  await form.getByLabel(/^Email/).fill(fields.email ?? 'reader@example.com');
  await form.getByLabel(/^Name/).fill(fields.name ?? 'Reader');
  if (fields.url !== undefined) await form.getByLabel('Website').fill(fields.url);
  await form.getByRole('button', { name: 'Post Comment' }).click();
}

/**
 * The usual end-to-end scene for a test file: a Parley server on a fresh
 * database, a Chromium, and a blog on another origin — started before the
 * file's tests and stopped after them. Read the fields inside tests.
 */
export function useScene(env: Record<string, string> = {}) {
  const scene = {} as { browser: Browser; server: RunningServer; blog: Blog; dir: string };
  const dir = tempDir();
  beforeAll(async () => {
    scene.dir = dir.path;
    scene.server = await startServer({ DATABASE_PATH: join(dir.path, 'parley.db'), ...env });
    scene.browser = await launchBrowser();
    scene.blog = await startBlog();
  });
  afterAll(async () => {
    await scene.browser?.close();
    await scene.server?.stop();
    await scene.blog?.close();
    dir.cleanup();
  });
  return scene;
}
