import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, NO_CHROMIUM_MESSAGE } from './browser.ts';
import { tempDir } from './server.ts';
import type { Tab } from './engines.ts';

/**
 * A Chromium profile with third-party cookies blocked, as Safari and Chrome's
 * "Block third-party cookies" setting do: `profile.cookie_controls_mode = 1`
 * in the profile's Preferences (a persistent context, so the setting is read
 * at start). `block: false` gives the opposite, for the control experiment.
 */
export async function launchWithCookieControls(block = true): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!chromiumPath) throw new Error(NO_CHROMIUM_MESSAGE);
  const dir = tempDir('parley-profile-');
  mkdirSync(join(dir.path, 'Default'));
  writeFileSync(join(dir.path, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: block ? 1 : 0 } }));
  // A host page that Chromium counts as public (e.g. one served through a Playwright route) loading the
  // server on 127.0.0.1 needs Local Network Access, a permission a person would grant: granted up front.
  const context = await chromium.launchPersistentContext(dir.path, {
    executablePath: chromiumPath,
    args: CHROMIUM_ARGS,
    permissions: ['local-network-access'],
  });
  return {
    context,
    async close() {
      await context.close();
      dir.cleanup();
    },
  };
}

/** What the probe needs of a browser: a tab it opens at a URL (a Reader of tests/helpers/engines.ts is one). */
interface Tabs {
  open(url: string): Promise<Pick<Tab, 'goto' | 'evaluate' | 'close'>>;
}

/**
 * Measures whether the browser sends a cookie cross-site: a probe server on
 * 127.0.0.1 sets cookies first-party, then a page on `localhost` (another site)
 * fetches it with credentials. Two cookies, `SameSite=None` with and without
 * `Secure`, because engines differ on `Secure` over loopback http.
 */
export async function thirdPartyCookieSent(browser: BrowserContext | Tabs): Promise<{ firstParty: boolean; thirdParty: boolean }> {
  const tabs = 'newPage' in browser ? playwrightTabs(browser) : browser;
  const probe = createServer((req, res) => {
    if (req.url === '/set') {
      res
        .writeHead(200, { 'Set-Cookie': ['probe=1; SameSite=None; Secure; Path=/', 'plain=1; SameSite=None; Path=/'], 'Content-Type': 'text/html' })
        .end('set');
      return;
    }
    if (req.url === '/page') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('page');
    res
      .writeHead(200, {
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': req.headers.origin ?? '*',
        'Access-Control-Allow-Credentials': 'true',
      })
      .end(JSON.stringify({ cookie: req.headers.cookie ?? '' }));
  });
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  const echo = `http://127.0.0.1:${port}/echo`;
  const cookieAt = (url: string) =>
    fetch(url, { credentials: 'include' })
      .then((r) => r.json())
      .then((body: { cookie: string }) => body.cookie);
  try {
    const tab = await tabs.open(`http://127.0.0.1:${port}/set`);
    const firstParty = await tab.evaluate(cookieAt, echo);
    await tab.goto(`http://localhost:${port}/page`);
    const thirdParty = await tab.evaluate(cookieAt, echo);
    await tab.close();
    return { firstParty: firstParty.includes('=1'), thirdParty: thirdParty.includes('=1') };
  } finally {
    probe.closeAllConnections();
    await new Promise((resolve) => probe.close(resolve));
  }
}

/** Tabs of a Playwright context, for the probe. */
const playwrightTabs = (context: BrowserContext): Tabs => ({
  async open(url) {
    const page = await context.newPage();
    await page.goto(url);
    return {
      goto: async (to: string) => void (await page.goto(to)),
      evaluate: (fn, ...args) => page.evaluate(`(${fn.toString()})(...${JSON.stringify(args)})`),
      close: () => page.close(),
    };
  },
});

/** A port that is free now (for a server whose public URL must be known before it starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
