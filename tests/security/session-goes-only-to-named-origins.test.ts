import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp } from '../helpers/test-app.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { bearerAccounts } from '../../server/auth/sessions.ts';
import type { TestProvider } from '../helpers/oauth-provider.ts';
import { PUBLIC_URL, callbackUrl, handedOver, providerEnv, sessionCount, startProviderFor } from '../helpers/sign-in.ts';
import { useMailScene } from '../helpers/mail-app.ts';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { freePort } from '../helpers/third-party-cookies.ts';
import { openOriginsWarning } from '../../server/auth/trusted-origins.ts';

const EVIL = 'https://evil.example';

let p: TestProvider;
beforeAll(async () => {
  p = await startProviderFor(PUBLIC_URL);
});
afterAll(() => p.stop());

/** The default deployment: a provider configured, SITE_ORIGINS left empty. */
const open = (env: Record<string, string> = {}) => createTestApp({ PUBLIC_URL, ...providerEnv(p), ...env });
const flows = (t: ReturnType<typeof open>) => t.db.prepare('SELECT count(*) FROM auth_flows').pluck().get();
const start = (origin: string, page = `${origin}/post/`, extra = '') =>
  `/auth/github/start?origin=${encodeURIComponent(origin)}&page=${encodeURIComponent(page)}${extra}`;

describe('with SITE_ORIGINS empty, a session is handed only to this server and to loopback', () => {
  test.each([
    ['popup', ''],
    ['full-page redirect', `&mode=redirect&handoff=${'h'.repeat(40)}`],
  ])('another site cannot start a %s sign-in: 403 page naming SITE_ORIGINS, nothing recorded', async (_, extra) => {
    const t = open();
    const response = await t.get(start(EVIL, `${EVIL}/x`, extra));
    const html = await response.text();
    expect(response.status).toBe(403);
    expect(html).toContain('https://evil.example may not sign in');
    expect(html).toContain('SITE_ORIGINS');
    expect(html).not.toContain('postMessage');
    expect(flows(t)).toBe(0);
  });

  test.each([
    'http://parley.test' /* PUBLIC_URL */,
    'http://localhost:4000',
    'https://localhost',
    'http://127.0.0.1:8080',
    'http://127.8.9.10',
    'http://[::1]:3000',
  ])('a page on %s signs in, and the popup posts the token to exactly that origin', async (origin) => {
    const t = open();
    const callback = await t.get(await callbackUrl(t, 'github', p, { origin, page: `${origin}/post/` }));
    expect(callback.status).toBe(200);
    expect(handedOver(await callback.text())).toEqual({ token: expect.any(String), origin });
  });

  test.each(['http://localhost.evil.example', 'http://127.0.0.1.evil.example', 'http://parley.test.evil.example', 'https://parley.test' /* another scheme */])(
    'look-alikes of trusted origins are refused: %s',
    async (origin) => {
      const t = open();
      expect((await t.get(start(origin))).status).toBe(403);
    },
  );

  test("without PUBLIC_URL the server's own origin is the one the request came to", async () => {
    const t = createTestApp({ ...providerEnv(p) });
    const own = 'http://comments.example.org';
    expect((await t.app.request(`${own}${start(own)}`)).status).toBe(302);
    expect((await t.app.request(`${own}${start(EVIL)}`)).status).toBe(403);
  });

  test('a flow recorded for another site before this rule hands nothing over at its callback', async () => {
    const before = open({ SITE_ORIGINS: EVIL });
    const callback = await callbackUrl(before, 'github', p, { origin: EVIL, page: `${EVIL}/x` });
    const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', GRAVATAR_URL: 'off', PUBLIC_URL, ...providerEnv(p) });
    const after = createApp({
      config,
      repos: before.repos,
      secret: 'x'.repeat(48),
      clock: () => before.time.now,
      log: () => {},
      accountOf: bearerAccounts(before.repos.accounts, () => before.time.now),
    });
    const response = await after.request(callback);
    const html = await response.text();
    expect(response.status).toBe(403);
    expect(html).toContain('SITE_ORIGINS');
    expect(handedOver(html)).toBeNull();
    expect(html).not.toContain('postMessage');
    expect(await sessionCount(before)).toBe(0);
  });

  test('the full-page hand-over: the grant exchange answers only pages on trusted origins', async () => {
    const t = open();
    const blog = 'http://localhost:4000';
    const handoff = 's'.repeat(40);
    const callback = await t.get(await callbackUrl(t, 'github', p, { origin: blog, page: `${blog}/post/`, mode: 'redirect', handoff }));
    expect(callback.status).toBe(303);
    const grant = /#parley-auth=([\w-]+)$/.exec(callback.headers.get('location')!)![1]!;
    const exchange = (origin: string) => t.post('/api/auth/exchange', { grant, handoff }, { Origin: origin });
    const stolen = await exchange(EVIL);
    expect(stolen.status).toBe(403);
    const body = await stolen.text();
    expect(body).toContain('SITE_ORIGINS');
    expect(body).not.toMatch(/"token"/);
    expect(await sessionCount(t)).toBe(0);
    const own = await exchange(blog);
    expect(own.status).toBe(200);
    expect((await own.json()).token).toMatch(/^[\w-]{32,}$/);
  });

  test('guests still read and post from any site while SITE_ORIGINS is empty', async () => {
    const t = open();
    const posted = await t.comment({}, { Origin: EVIL });
    expect(posted.status).toBe(201);
    const read = await t.get('/api/comments?page=/post/', { Origin: EVIL });
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    expect((await read.json()).comments).toHaveLength(1);
  });
});

describe('with SITE_ORIGINS empty, mails never send a reader back to another site', () => {
  const scene = useMailScene();

  test('a held comment posted from another site links the moderator to this server, not to that site', async () => {
    const t = scene.app({ SITE_ORIGINS: '' });
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, t.time.now);
    await t.repos.moderators.create({ email: 'mo@example.com', name: 'Mo', passwordHash: 'x', now: t.time.now });
    const held = await t.comment({ text: 'Please log in again at my site' }, { Origin: EVIL });
    expect(held.status).toBe(202);
    await t.send();
    const [mail] = await scene.smtp.waitFor(1);
    expect(mail!.parsed.text).not.toContain('evil.example');
    expect(mail!.parsed.html).not.toContain('evil.example');
    expect(mail!.parsed.text).toContain(`https://comments.example/post/#comment-${held.body.comment.id}`);
  });
});

describe('the start-up warning', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());
  const warnings = (output: string) => output.split('\n').filter((line) => line.startsWith('[parley]') && line.includes('SITE_ORIGINS'));

  test.each([
    ['a provider is configured and SITE_ORIGINS is empty', 1, { GITHUB_CLIENT_ID: 'id', GITHUB_CLIENT_SECRET: 'secret' }],
    [
      'SITE_ORIGINS is set',
      0,
      { GITHUB_CLIENT_ID: 'id', GITHUB_CLIENT_SECRET: 'secret', PUBLIC_URL: 'https://comments.example', SITE_ORIGINS: 'https://blog.example' },
    ],
  ])(
    'server/main.ts, when %s: %i [parley] line about SITE_ORIGINS on stderr',
    async (_, count, env) => {
      const server = await startServer({ DATABASE_PATH: join(dir.path, `${count}.db`), ...env });
      try {
        const lines = warnings(server.output());
        expect(lines).toHaveLength(count);
        if (count) {
          expect(lines[0]).toContain('guests may read and post from any site');
          expect(lines[0]).toContain("sign-in only works from this server's own origin and localhost");
          expect(lines[0]).toMatch(/SITE_ORIGINS=https:\/\/blog\.example\.com/);
        }
      } finally {
        await server.stop();
      }
    },
    120_000,
  );

  test('the warning is given when a provider is configured or PUBLIC_URL is https, and SITE_ORIGINS is empty', () => {
    const config = (env: Record<string, string>) => loadConfig({ GRAVATAR_URL: 'off', ...env });
    expect(openOriginsWarning(config({}), true)).toMatch(/^\[parley\] SITE_ORIGINS is empty/);
    expect(openOriginsWarning(config({ PUBLIC_URL: 'https://comments.example' }), false)).toMatch(/^\[parley\] SITE_ORIGINS is empty/);
    expect(openOriginsWarning(config({ PUBLIC_URL: 'http://localhost:8080' }), false)).toBeNull();
    expect(openOriginsWarning(config({}), false)).toBeNull();
    expect(openOriginsWarning(config({ SITE_ORIGINS: 'https://blog.example', PUBLIC_URL: 'https://comments.example' }), true)).toBeNull();
  });
});

describe.skipIf(!chromiumPath)('in Chromium: the popup posts a session only to a trusted page', () => {
  let server: RunningServer;
  let provider: TestProvider;
  let browser: Browser;
  let context: BrowserContext;
  const dir = tempDir();

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    provider = await startProviderFor(publicUrl, 'page');
    server = await startServer({ DATABASE_PATH: join(dir.path, 'parley.db'), PORT: String(port), PUBLIC_URL: publicUrl, ...providerEnv(provider) });
    browser = await launchBrowser();
    context = await browser.newContext();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await provider?.stop();
    dir.cleanup();
  });

  /** A page at `url` (served by the browser's router) that opens the sign-in popup and records every message it receives. */
  async function pageAt(url: string): Promise<Page> {
    const origin = new URL(url).origin;
    await context.route(`${origin}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>page</title><button id="go">Sign in</button><script>
        window.received = [];
        addEventListener('message', (e) => received.push({ origin: e.origin, data: e.data }));
        document.getElementById('go').onclick = () => window.open(${JSON.stringify(`${server.url}/auth/github/start?origin=${encodeURIComponent(origin)}&page=${encodeURIComponent(url)}`)}, 'parley-sign-in', 'popup');
      </script>`,
      }),
    );
    const page = await context.newPage();
    await page.goto(url);
    return page;
  }

  const openPopup = async (page: Page) => {
    const popup = context.waitForEvent('page');
    await page.click('#go');
    const opened = await popup;
    await opened.waitForLoadState();
    return opened;
  };
  const received = (page: Page) =>
    page.evaluate(() => (window as unknown as { received: Array<{ origin: string; data: { type: string; token?: string } }> }).received);

  test('another site opening the popup gets the refusal page naming SITE_ORIGINS, and no message at all', async () => {
    const page = await pageAt(`${EVIL}/x`);
    const popup = await openPopup(page);
    await expect.poll(() => popup.locator('body').textContent()).toContain('SITE_ORIGINS');
    expect(popup.url()).toContain(`${server.url}/auth/github/start`);
    expect(await popup.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
    expect(await received(page)).toEqual([]);
    await popup.close();
  });

  test('a page on localhost (a local trial) gets its session through the popup', async () => {
    const page = await pageAt('http://localhost:9/post/');
    const popup = await openPopup(page);
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await closed;
    await expect.poll(async () => (await received(page)).length).toBe(1);
    const [message] = await received(page);
    expect(message).toMatchObject({ origin: server.url, data: { type: 'parley:session', token: expect.any(String) } });
    const me = await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${message!.data.token}` } });
    expect(me.status).toBe(200);
  });
});
