import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { join } from 'node:path';
import { chromiumPath } from '../helpers/browser.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { freePort, launchWithCookieControls, thirdPartyCookieSent } from '../helpers/third-party-cookies.ts';
import { providerEnv, startProviderFor } from '../helpers/sign-in.ts';
import type { TestProvider } from '../helpers/oauth-provider.ts';

describe.skipIf(!chromiumPath)('signing in from the widget, with third-party cookies blocked', () => {
  let server: RunningServer;
  /** A second server with REQUIRE_SIGN_IN=true; the blog embeds it under /required/. */
  let strict: RunningServer;
  let provider: TestProvider;
  let browser: { context: BrowserContext; close(): Promise<void> };
  /** The blog: its own server on `localhost`, another site than Parley's `127.0.0.1`. */
  let blog: Server;
  let blogOrigin: string;
  const dir = tempDir();

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    provider = await startProviderFor(publicUrl, 'page');
    const blogPort = await freePort();
    blogOrigin = `http://localhost:${blogPort}`;
    blog = createServer((req, res) => {
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blog</title></head><body><h1>Blog</h1>` +
            `<div style="height:3000px"></div><div id="comments"></div><script src="${req.url!.startsWith('/required/') ? strict.url : publicUrl}/embed.js" async data-target="#comments" data-page="${req.url}" data-title="Blog"></script></body></html>`,
        );
    });
    await new Promise<void>((resolve) => blog.listen(blogPort, '127.0.0.1', resolve));
    server = await startServer({
      DATABASE_PATH: join(dir.path, 'parley.db'),
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      SITE_ORIGINS: blogOrigin,
      ...providerEnv(provider),
    });
    strict = await startServer({
      DATABASE_PATH: join(dir.path, 'strict.db'),
      SITE_ORIGINS: blogOrigin,
      REQUIRE_SIGN_IN: 'true',
      GITHUB_CLIENT_ID: 'id',
      GITHUB_CLIENT_SECRET: 'secret',
    });
    browser = await launchWithCookieControls(true);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await strict?.stop();
    await provider?.stop();
    blog?.closeAllConnections();
    blog?.close();
    dir.cleanup();
  });

  const area = (page: Page) => page.locator('#comments');
  const form = (page: Page) => area(page).locator('form.parley-form');
  const token = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('parley:session') ?? '""') as string);
  const me = (value: string) => fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${value}` } });

  /** A post on the blog, with nothing of an earlier test in its localStorage, nor a session at the provider. */
  async function host(path: string) {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${blogOrigin}${path}`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    return page;
  }

  /** Signs in at the test provider's page in the popup, and waits for the popup to close itself. */
  async function signInAt(popup: Page) {
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await closed;
  }

  /** Clicks a provider's icon and returns the popup it opened. */
  async function clickIcon(page: Page, name: string) {
    const popup = browser.context.waitForEvent('page');
    await area(page)
      .getByRole('button', { name: `Log in with ${name}` })
      .click();
    return popup;
  }

  test('the browser under test really blocks third-party cookies (and the probe would see them)', async () => {
    expect(await thirdPartyCookieSent(browser.context)).toEqual({ firstParty: true, thirdParty: false });
    const control = await launchWithCookieControls(false);
    try {
      expect(await thirdPartyCookieSent(control.context)).toEqual({ firstParty: true, thirdParty: true });
    } finally {
      await control.close();
    }
  });

  test('icon → popup → provider → signed in → post → reload keeps it → Log Out → the token is refused', async () => {
    const page = await host('/signed-in/');
    const thirdParty: string[] = [];
    const cookiesSet: string[] = [];
    const watchCookies = async (response: Response) => {
      const cookie = response.url().startsWith(server.url) && (await response.headerValue('set-cookie').catch(() => null));
      if (cookie) cookiesSet.push(`${response.url()}: ${cookie}`);
    };
    browser.context.on('response', watchCookies);
    page.on('request', (request) => {
      const origin = new URL(request.url()).origin;
      if (origin !== server.url && origin !== blogOrigin) thirdParty.push(request.url());
    });
    await expect.poll(() => form(page).getByText('Fill in your details below or click an icon to log in:').count()).toBe(1);

    const popup = await clickIcon(page, 'GitHub');
    await expect.poll(() => area(page).getByText('Connecting to GitHub').count()).toBe(1);
    await signInAt(popup);

    await expect.poll(() => form(page).getByText('You are commenting using your GitHub account.').count()).toBe(1);
    await expect.poll(() => form(page).locator('.parley-account strong').textContent()).toBe('Ada Lovelace');
    expect(await form(page).getByText('Fill in your details below or click an icon to log in:').count()).toBe(0);
    expect(await form(page).locator('.parley-account img').getAttribute('src')).toMatch(new RegExp(`^${server.url}/avatar/[a-f0-9]{32}$`));
    expect(
      await form(page)
        .getByLabel(/^Email/)
        .count(),
    ).toBe(0);

    await form(page).getByLabel('Comment', { exact: true }).fill('Signed in and *commenting*');
    await form(page).getByRole('button', { name: 'Post Comment' }).click();
    const posted = area(page).locator('.parley-comment', { hasText: 'Signed in and commenting' });
    await expect.poll(() => posted.count()).toBe(1);
    expect(await posted.locator('.parley-meta b').textContent()).toBe('Ada Lovelace');
    expect(await posted.locator('.parley-meta .parley-badge').textContent()).toBe('GitHub');

    await page.reload();
    await expect.poll(() => form(page).getByText('You are commenting using your GitHub account.').count()).toBe(1);
    const session = await token(page);
    expect((await me(session)).status).toBe(200);

    await form(page).getByRole('button', { name: 'Log Out' }).click();
    await expect
      .poll(() =>
        form(page)
          .getByLabel(/^Email/)
          .count(),
      )
      .toBe(1);
    expect(await token(page)).toBe('');
    expect((await me(session)).status).toBe(401);
    expect(thirdParty).toEqual([]);
    browser.context.off('response', watchCookies);
    expect(cookiesSet).toEqual([]); // not one cookie from Parley's origin, in the page or the popup
    await page.close();
  });

  test('closing the popup returns the form to its signed-out state', async () => {
    const page = await host('/closed/');
    const popup = await clickIcon(page, 'Google');
    await expect.poll(() => area(page).getByText('Connecting to Google').count()).toBe(1);
    await popup.close();
    await expect.poll(() => area(page).getByText('Connecting to Google').count()).toBe(0);
    expect(await area(page).getByRole('button', { name: 'Log in with Google' }).isEnabled({ timeout: 3000 })).toBe(true);
    expect(
      await form(page)
        .getByLabel(/^Email/)
        .count(),
    ).toBe(1);
    await page.close();
  });

  test('an expired or revoked token quietly falls back to the guest form', async () => {
    const page = await host('/revoked/');
    await page.evaluate(() => localStorage.setItem('parley:session', JSON.stringify('revoked-token-revoked-token-revoked-token')));
    await page.reload();
    await expect
      .poll(() =>
        form(page)
          .getByLabel(/^Email/)
          .count(),
      )
      .toBe(1);
    expect(await token(page)).toBe('');
    expect(await area(page).locator('[role=alert]').allTextContents()).toEqual(['', '']);
    await page.close();
  });

  test('Mastodon: the reader names their server in the popup, Parley registers itself there', async () => {
    const page = await host('/mastodon/');
    const popup = await clickIcon(page, 'Mastodon');
    await popup.getByLabel('Your Mastodon server').fill(provider.url);
    await popup.getByRole('button', { name: 'Continue' }).click();
    await signInAt(popup);
    await expect.poll(() => form(page).getByText('You are commenting using your Mastodon account.').count()).toBe(1);
    await form(page).getByRole('button', { name: 'Change' }).click();
    await expect.poll(() => area(page).getByRole('button', { name: 'Log in with Mastodon' }).count()).toBe(1);
    await page.close();
  });

  test('a blocked popup falls back to a full-page sign-in that returns to the same page and the form, signed in', async () => {
    const page = await host('/redirected/');
    await page.evaluate(() => (window.open = () => null));
    await page.locator('#comments').getByRole('button', { name: 'Log in with Test ID' }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    const signedIn = page.locator('#comments').getByText('You are commenting using your Test ID account.');
    await expect.poll(() => signedIn.count(), { timeout: 15_000 }).toBe(1);
    expect(page.url()).toBe(`${blogOrigin}/redirected/`);
    // Back at the comment form: scrolled into view, past the 3000px of post above it.
    await expect.poll(() => signedIn.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= innerHeight)).toBe(true);
    expect((await me(await token(page))).status).toBe(200);
    await page.close();
  });

  test('REQUIRE_SIGN_IN: the form offers only the icons, no guest fields', async () => {
    const page = await host('/required/post/');
    await expect.poll(() => area(page).getByRole('button', { name: 'Log in with GitHub' }).count()).toBe(1);
    for (const label of ['Comment', 'Email (required)', 'Name (required)', 'Website']) {
      expect(await form(page).getByLabel(label, { exact: true }).count()).toBe(0);
    }
    expect(await form(page).getByRole('button', { name: 'Post Comment' }).isVisible()).toBe(false);
    await page.close();
  });
});
