import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { openReader, type EngineName, type Reader, type Tab } from '../helpers/engines.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { providerEnv, startProviderFor } from '../helpers/sign-in.ts';
import type { TestProvider } from '../helpers/oauth-provider.ts';
import { freePort } from '../helpers/third-party-cookies.ts';
import { startBlog, type Blog } from './host.ts';

/** Where the suite writes the widget's screenshots: `<engine>-<variant>.png` (git-ignored). */
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** The widget's shadow root, for Targets: `${W}button`. */
export const W = '#comments >>> ';

export interface HostOptions {
  title?: string;
  /** Attributes of the host page's `<html>`, e.g. `lang="he" dir="rtl"`. */
  html?: string;
  /** Attributes for the script tag, e.g. `data-theme="dark"`. */
  attributes?: string;
  hash?: string;
}

/**
 * The scene the reader flows run in, in one engine:
 * a Parley server with sign-in providers pointed at a real OpenID provider, a blog on
 * another site (`localhost` vs Parley's `127.0.0.1`), and one reader profile with
 * third-party cookies blocked, shared by the file's tests.
 */
export function readerScene(engine: EngineName) {
  let server: RunningServer;
  let provider: TestProvider;
  let blog: Blog;
  let reader: Reader;
  const dir = tempDir();

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    provider = await startProviderFor(publicUrl, 'page');
    blog = await startBlog();
    server = await startServer({
      DATABASE_PATH: join(dir.path, 'parley.db'),
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      SITE_ORIGINS: blog.origin,
      ...providerEnv(provider),
    });
    reader = await openReader(engine);
  }, 120_000);
  afterAll(async () => {
    await reader?.close();
    await server?.stop();
    await provider?.stop();
    await blog?.close();
    dir.cleanup();
  });

  /** A blog post embedding the thread `page` with the documented snippet. */
  function host(page: string, options: HostOptions = {}): string {
    const { title = 'A Post', html = 'lang="en"', attributes = '' } = options;
    return (
      blog.serve(
        `/${engine}${page}`,
        `<!doctype html><html ${html}><head><meta charset="utf-8"><title>${title}</title></head><body>
      <article><h1>${title}</h1><p>Post body.</p></article>
      <div id="comments"></div>
      <script src="${server.url}/embed.js" async data-target="#comments" data-page="${page}" data-title="${title}" ${attributes}></script>
      </body></html>`,
      ) + (options.hash ?? '')
    );
  }

  async function seed(page: string, text: string, name: string, parent?: number): Promise<number> {
    const response = await fetch(`${server.url}/api/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: blog.origin },
      body: JSON.stringify({ page, text, parent, author: { name, email: `${name.toLowerCase().replace(/\W/g, '')}@example.com` } }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { comment: { id: number } }).comment.id;
  }

  /** Text of every match of `css` in the widget, in order. */
  const texts = (tab: Tab, css: string) =>
    tab.evaluate((css: string) => [...document.querySelector('#comments')!.shadowRoot!.querySelectorAll(css)].map((el) => el.textContent!.trim()), css);
  /** Waits until the widget holds an element matching `css`. */
  const shown = (tab: Tab, css: string) => tab.waitFor((css: string) => !!document.querySelector('#comments')?.shadowRoot?.querySelector(css), css);
  const text = async (tab: Tab, css: string) => (await texts(tab, css))[0];

  async function postAsGuest(tab: Tab, fields: { text: string; name: string; email: string; url?: string }) {
    await tab.fill(`${W}form.parley-form #parley-text`, fields.text);
    await tab.fill(`${W}form.parley-form #parley-email`, fields.email);
    await tab.fill(`${W}form.parley-form #parley-name`, fields.name);
    if (fields.url !== undefined) await tab.fill(`${W}form.parley-form #parley-url`, fields.url);
    await tab.click({ css: `${W}form.parley-form button.parley-button`, text: 'Post Comment' });
  }

  return {
    engine,
    get server() {
      return server;
    },
    get provider() {
      return provider;
    },
    get blog() {
      return blog;
    },
    get reader() {
      return reader;
    },
    host,
    seed,
    texts,
    shown,
    text,
    postAsGuest,
  };
}

export type ReaderScene = ReturnType<typeof readerScene>;
