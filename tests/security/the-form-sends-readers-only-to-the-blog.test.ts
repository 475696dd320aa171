/**
 * POST /comments/form answers with a redirect, so it must not be an open redirect: the 303 goes to
 * a configured origin plus the thread's page path (or this server's own standalone document), never
 * to an address the request names — not a field, not a page key that is really another host, not a
 * forged Origin or Host. A forged Host cannot write its links into the fragments others are sent.
 */
import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const BLOG = 'https://blog.example';

async function post(t: TestApp, fields: Record<string, string>, headers: Record<string, string> = {}, url = 'http://localhost/comments/form') {
  const response = await t.app.request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ page: '/post/', text: `Hello ${Math.random()}`, name: 'Ada', email: 'ada@example.com', ...fields }).toString(),
  });
  return { status: response.status, location: response.headers.get('location') };
}

describe('the form sends readers only to the blog', () => {
  test('fields naming another address are ignored', async () => {
    const t = createTestApp({ SITE_ORIGINS: BLOG });
    for (const name of ['redirect', 'redirect_to', 'return', 'returnTo', 'next', 'url_back', 'location', 'origin']) {
      const { status, location } = await post(t, { [name]: 'https://evil.example/' }, { Origin: BLOG });
      expect(status).toBe(303);
      expect(new URL(location!).origin).toBe(BLOG);
    }
  });

  test.each(['//evil.example/', '/\\evil.example/', 'https://evil.example/', 'javascript:alert(1)', '\t//evil.example', '/%0a//evil.example'])(
    'a page key %j that is not a path on the blog is refused, or stays on the blog',
    async (page) => {
      const t = createTestApp({ SITE_ORIGINS: BLOG });
      const { status, location } = await post(t, { page }, { Origin: BLOG });
      if (status === 303) expect(new URL(location!).origin).toBe(BLOG);
      else expect(status).toBe(400);
    },
  );

  test('page keys that look like other hosts stay paths on the blog', async () => {
    const t = createTestApp({ SITE_ORIGINS: BLOG });
    for (const page of ['/@evil.example/', '/..//evil.example/', '/./\u3002evil.example', '/post/?next=https://evil.example']) {
      const { status, location } = await post(t, { page }, { Origin: BLOG });
      expect(status).toBe(303);
      expect(new URL(location!).origin).toBe(BLOG);
    }
  });

  test('a forged Origin is refused where SITE_ORIGINS is set, and never gone back to where it is empty', async () => {
    const strict = createTestApp({ SITE_ORIGINS: BLOG });
    expect(await post(strict, {}, { Origin: 'https://evil.example' })).toEqual({ status: 403, location: null });
    const open = createTestApp();
    const { location } = await post(open, {}, { Origin: 'https://evil.example' });
    expect(location).toMatch(/^http:\/\/localhost\/thread\.html\?/);
    expect((await post(open, {}, { Origin: 'null' })).location).toMatch(/^http:\/\/localhost\/thread\.html\?/);
  });

  test('with PUBLIC_URL set a forged Host changes nothing; without it, a forged Host only misleads its own sender', async () => {
    const fixed = createTestApp({ PUBLIC_URL: 'https://comments.example', SITE_ORIGINS: BLOG });
    const { location } = await post(fixed, { standalone: '1' }, { Origin: 'https://comments.example' }, 'http://evil.example/comments/form');
    expect(location).toMatch(/^https:\/\/comments\.example\/thread\.html\?/);

    const t = createTestApp({ SITE_ORIGINS: BLOG });
    await t.comment();
    const forged = await (await t.app.request('http://evil.example/thread.html?page=/post/')).text();
    expect(forged).toContain('action="http://evil.example/comments/form"');
    const honest = await (await t.app.request('http://localhost/thread.html?page=/post/')).text();
    expect(honest).toContain('action="http://localhost/comments/form"');
    expect(honest).not.toContain('evil.example');
  });
});
