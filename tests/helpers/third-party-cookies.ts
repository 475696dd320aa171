import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, NO_CHROMIUM_MESSAGE } from './browser.ts';
import { tempDir } from './server.ts';

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
  const context = await chromium.launchPersistentContext(dir.path, { executablePath: chromiumPath, args: CHROMIUM_ARGS, permissions: ['local-network-access'] });
  return {
    context,
    async close() {
      await context.close();
      dir.cleanup();
    },
  };
}

/**
 * Measures whether the browser sends a cookie cross-site: a probe server on
 * 127.0.0.1 sets `probe=1; SameSite=None; Secure` first-party, then a page on
 * `localhost` (another site) fetches it with credentials.
 */
export async function thirdPartyCookieSent(context: BrowserContext): Promise<{ firstParty: boolean; thirdParty: boolean }> {
  const probe = createServer((req, res) => {
    if (req.url === '/set') {
      res.writeHead(200, { 'Set-Cookie': 'probe=1; SameSite=None; Secure; Path=/', 'Content-Type': 'text/html' }).end('set');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': req.headers.origin ?? '*',
      'Access-Control-Allow-Credentials': 'true',
    }).end(JSON.stringify({ cookie: req.headers.cookie ?? '' }));
  });
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  try {
    const page = await context.newPage();
    const echo = `http://127.0.0.1:${port}/echo`;
    await page.goto(`http://127.0.0.1:${port}/set`);
    const firstParty = await page.evaluate(async (url) => (await (await fetch(url)).json()).cookie, echo);
    await page.goto(`http://localhost:${port}/page`);
    const thirdParty = await page.evaluate(async (url) => (await (await fetch(url, { credentials: 'include' })).json()).cookie, echo);
    await page.close();
    return { firstParty: firstParty === 'probe=1', thirdParty: thirdParty === 'probe=1' };
  } finally {
    probe.closeAllConnections();
    await new Promise((resolve) => probe.close(resolve));
  }
}

/** A port that is free now (for a server whose public URL must be known before it starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
