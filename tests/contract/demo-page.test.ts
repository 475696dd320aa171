/**
 * The demo page (`npm start`, then http://localhost:8080/) is the first thing a blogger sees:
 * every link on it leads somewhere, and it has an icon.
 */
import { expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';

test('every link on the demo page leads somewhere, and it has an icon', async () => {
  const { app } = createTestApp();
  const page = await app.request('/');
  expect(page.status).toBe(200);
  const html = await page.text();
  const hrefs = [...html.matchAll(/<(?:a|link)\b[^>]*\shref="([^"]*)"/g)].map((m) => m[1]!);
  expect(hrefs.length).toBeGreaterThan(3);
  for (const href of hrefs) {
    if (href.startsWith('#')) {
      // An anchor on this page: an element with that id is there (the comment area).
      expect(html, href).toContain(`id="${href.slice(1)}"`);
    } else if (/^https:\/\//.test(href)) {
      // A link out to the web: https, and never to a placeholder.
      expect(new URL(href).hostname, href).not.toMatch(/example\.(com|org)$/);
    } else {
      expect(href, 'a link on the site starts with /').toMatch(/^\//);
      const answer = await app.request(href.replace(/#.*/, ''));
      expect(answer.status, href).toBe(200);
    }
  }
  expect(html).toMatch(/<link rel="icon" href="\/favicon\.svg"/);
  for (const path of ['/favicon.svg', '/favicon.ico']) {
    const icon = await app.request(path);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg /);
  }
});
