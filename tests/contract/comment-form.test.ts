import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** The hidden fields of the form the fragment of `page` draws now (its signed draw time among them). */
async function drawnForm(t: TestApp, query = 'page=/post/') {
  const html = await (await t.get(`/thread.html?${query}`)).text();
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replaceAll('&amp;', '&')]));
}

/** Posts the form as a browser would: the fields typed into the form drawn `wait` ms earlier, from `origin`. */
async function send(
  t: TestApp,
  fields: Record<string, string>,
  options: { origin?: string | null; wait?: number; query?: string; headers?: Record<string, string> } = {},
) {
  const hidden = await drawnForm(t, options.query);
  t.time.now += options.wait ?? 10_000;
  const origin = options.origin === undefined ? 'https://blog.example' : options.origin;
  const body = new URLSearchParams({ ...hidden, text: 'Hello from a form', name: 'Ada', email: 'ada@example.com', url: '', ...fields });
  const response = await t.app.request('/comments/form', {
    method: 'POST',
    body: body.toString(),
    headers: { ...FORM, ...(origin === null ? {} : { Origin: origin }), ...options.headers },
  });
  return { response, status: response.status, location: response.headers.get('location'), html: response.status === 303 ? '' : await response.text() };
}

const blog = () => createTestApp({ SITE_ORIGINS: 'https://blog.example' });
const stored = (t: TestApp) => t.sql('SELECT id, status, depth, author_name AS name FROM comments ORDER BY id');

describe('POST /comments/form', () => {
  test('publishes a guest comment and answers 303 to the blog page at #comment-ID', async () => {
    const t = blog();
    const { status, location, response } = await send(t, {});
    expect(status).toBe(303);
    expect(location).toBe('https://blog.example/post/#comment-1');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await stored(t)).toEqual([{ id: 1, status: 'approved', depth: 1, name: 'Ada' }]);
    expect(await (await t.get('/thread.html?page=/post/')).text()).toContain('Hello from a form');
  });

  test('a held comment answers 303 to the page at #parley-held, where the fragment says it awaits moderation', async () => {
    const t = blog();
    await t.repos.sites.saveSettings('default', { moderation: 'all', holdLinks: 2 }, 0);
    const { location } = await send(t, {});
    expect(location).toBe('https://blog.example/post/#parley-held');
    expect(await stored(t)).toMatchObject([{ status: 'pending' }]);
    const html = await (await t.get('/thread.html?page=/post/')).text();
    expect(html).toContain('<p id="parley-held" class="parley-notice parley-muted" hidden><em>Your comment is awaiting moderation.</em></p>');
    expect(html).not.toContain('Hello from a form');
  });

  test('a reply link leads to a form for that reply; the reply is stored under its parent', async () => {
    const t = blog();
    await t.comment();
    const { location } = await send(t, { text: 'A reply by form' }, { query: 'page=/post/&reply=1&standalone=1', origin: 'http://localhost' });
    expect(location).toBe('http://localhost/thread.html?page=%2Fpost%2F&site=default&lang=en&comment=2&standalone=1#comment-2');
    expect(await stored(t)).toMatchObject([{ id: 1 }, { id: 2, depth: 2 }]);
    expect(await (await t.get('/thread.html?page=/post/&reply=1&standalone=1')).text()).toContain('<h3 class="parley-form-title">Reply to Ada</h3>');
  });

  test('from a standalone document it comes back to that document on this server', async () => {
    const t = blog();
    const { location } = await send(t, {}, { query: 'page=/post/&lang=de&standalone=1', origin: 'http://localhost' });
    expect(location).toBe('http://localhost/thread.html?page=%2Fpost%2F&site=default&lang=de&comment=1&standalone=1#comment-1');
  });

  test('from a standalone document, the answer shows the comment just posted even past the first page', async () => {
    const t = blog();
    for (let i = 1; i <= 50; i++) await t.comment({ text: `Comment number ${i}` });
    const { location } = await send(t, { text: 'The fifty-first' }, { query: 'page=/post/&standalone=1', origin: 'http://localhost' });
    expect(location).toBe('http://localhost/thread.html?page=%2Fpost%2F&site=default&lang=en&comment=51&standalone=1#comment-51');
    const html = await (await t.get(location!.replace('http://localhost', '').replace(/#.*/, ''))).text();
    expect(html).toMatch(/<article id="comment-51" class="parley-comment">.*The fifty-first/s);
  });

  test('a refused reply to a comment past the first page comes back still a reply to it', async () => {
    const t = blog();
    for (let i = 1; i <= 51; i++) await t.comment({ text: `Comment number ${i}`, author: { name: `Reader ${i}`, email: 'r@example.com' } });
    const { status, html } = await send(t, { text: '', parent: '51' }, { query: 'page=/post/&reply=51&standalone=1', origin: 'http://localhost' });
    expect(status).toBe(400);
    expect(html).toContain('<input type="hidden" name="parent" value="51">');
    expect(html).toContain('<h3 class="parley-form-title">Reply to Reader 51</h3>');
  });

  describe('spam defences', () => {
    test('a filled honeypot is stored as spam, and looks held to its sender', async () => {
      const t = blog();
      const { location } = await send(t, { hp: 'http://spam.example' });
      expect(location).toBe('https://blog.example/post/#parley-held');
      expect(await stored(t)).toMatchObject([{ status: 'spam' }]);
    });

    test('a form sent sooner than MIN_FILL_SECONDS after it was drawn is held', async () => {
      const t = blog();
      expect((await send(t, {}, { wait: 1_000 })).location).toBe('https://blog.example/post/#parley-held');
      expect((await send(t, { text: 'Slower' }, { wait: 4_000 })).location).toBe('https://blog.example/post/#comment-2');
      expect(await stored(t)).toMatchObject([{ status: 'pending' }, { status: 'approved' }]);
    });

    test('a form from a fragment cached long ago still counts the time since the reader got it: sent at once, held', async () => {
      const t = blog();
      await drawnForm(t); // drawn and cached at the first request
      t.time.now += 3_600_000;
      expect((await send(t, {}, { wait: 0 })).location).toBe('https://blog.example/post/#parley-held');
      expect(await stored(t)).toMatchObject([{ status: 'pending' }]);
    });

    test('the fragment with a form is served from the cache for at most a second', async () => {
      const t = blog();
      const first = await drawnForm(t);
      expect(await drawnForm(t)).toEqual(first);
      t.time.now += 1_000;
      expect((await drawnForm(t)).loaded).not.toBe(first.loaded);
    });

    test.each([
      ['missing', { loaded: '' }],
      ['forged', { loaded: `${Date.parse('2026-11-01T00:00:00Z')}.${'0'.repeat(32)}` }],
      ['moved back in time', { loaded: 'moved' }],
    ])('a %s draw time counts as sent at once: held', async (_, fields) => {
      const t = blog();
      const hidden = await drawnForm(t);
      const [ms, sig] = hidden.loaded!.split('.');
      const loaded = fields.loaded === 'moved' ? `${Number(ms) - 3_600_000}.${sig}` : fields.loaded;
      expect((await send(t, { loaded })).location).toBe('https://blog.example/post/#parley-held');
      expect(await stored(t)).toMatchObject([{ status: 'pending' }]);
    });

    test('rate limits count form posts with JSON posts per address: 429 with Retry-After, the text kept', async () => {
      const t = createTestApp({ SITE_ORIGINS: 'https://blog.example', RATE_LIMIT_PER_MINUTE: '1' });
      expect((await t.comment()).status).toBe(201);
      const { status, response, html } = await send(t, { text: 'Too soon' }, { wait: 1_000 });
      expect(status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(html).toContain('>Too soon</textarea>');
      expect(html).toMatch(/<p role="alert" class="parley-error">You are posting comments too quickly\. Try again in \d+ seconds\.<\/p>/);
      expect(await stored(t)).toHaveLength(1);
    });

    test('the same text from the same author on the same page answers 409 in the form', async () => {
      const t = blog();
      await send(t, {});
      const { status, html } = await send(t, {});
      expect(status).toBe(409);
      expect(html).toContain('You&#39;ve already said that!');
    });
  });

  describe('a refused field comes back in the form with what was typed and the error beside it', () => {
    test.each([
      [{ text: '' }, 'text', 'Please fill in this field.'],
      [{ email: 'not-an-email' }, 'email', 'Please enter a valid email address.'],
      [{ name: '' }, 'name', 'Please fill in this field.'],
      [{ url: 'javascript:alert(1)' }, 'url', 'Please enter a valid web address.'],
    ])('%j: 400, the error under #parley-%s, nothing stored', async (fields, id, words) => {
      const t = blog();
      const { status, html, response } = await send(t, { text: 'Kept <text> & all', ...fields });
      expect(status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8$/i);
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toMatch(new RegExp(`id="parley-${id}" name="${id}" aria-invalid="true" aria-describedby="[^"]*parley-${id}-e"`));
      expect(html).toContain(`<small id="parley-${id}-e" class="parley-error">${words}</small>`);
      if (id !== 'text') expect(html).toContain('>Kept &lt;text&gt; &amp; all</textarea>');
      expect(html).not.toMatch(/<script/i);
      expect(await stored(t)).toEqual([]);
    });

    test('in the language of the form', async () => {
      const t = blog();
      const { html } = await send(t, { text: '' }, { query: 'page=/post/&lang=fr' });
      expect(html).toMatch(/^<!doctype html>\n<html lang="fr"/);
      expect(html).toContain('class="parley-error">Veuillez remplir ce champ.</small>');
    });

    test('a closed thread refuses with 403 and says so', async () => {
      const t = blog();
      await t.comment();
      await t.sql('UPDATE threads SET locked = 1');
      const response = await t.app.request('/comments/form', {
        method: 'POST',
        headers: { ...FORM, Origin: 'https://blog.example' },
        body: new URLSearchParams({ page: '/post/', text: 'Late', name: 'Ada', email: 'ada@example.com' }).toString(),
      });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('Comments are closed.');
    });
  });

  describe('origins, as for a guest post through the JSON API', () => {
    test('with SITE_ORIGINS set, a page on another origin is refused with 403 and nothing stored', async () => {
      const t = blog();
      const { status, html } = await send(t, {}, { origin: 'https://evil.example' });
      expect(status).toBe(403);
      expect(html).toContain('Comments are not enabled for this site.');
      expect(await stored(t)).toEqual([]);
    });

    test('with no Origin header (not a browser), it is taken as the JSON API takes it, and answered with the first SITE_ORIGINS page', async () => {
      const t = blog();
      const { location } = await send(t, {}, { origin: null });
      expect(location).toBe('https://blog.example/post/#comment-1');
    });

    test('with SITE_ORIGINS empty, any page may post; only this server or loopback is gone back to, else the standalone document', async () => {
      const t = createTestApp();
      expect((await send(t, {}, { origin: 'http://localhost:4000' })).location).toBe('http://localhost:4000/post/#comment-1');
      expect((await send(t, { text: 'Two' }, { origin: 'https://some.blog' })).location).toBe(
        'http://localhost/thread.html?page=%2Fpost%2F&site=default&lang=en&comment=2&standalone=1#comment-2',
      );
    });
  });

  test('is never signed in: a moderator account or cookie on the request changes nothing', async () => {
    const moderator = { id: 7, name: 'Mo', email: 'mo@example.com', url: '', provider: 'github', isModerator: true };
    const t = createTestApp({ SITE_ORIGINS: 'https://blog.example' }, { accountOf: async () => moderator });
    await t.repos.sites.saveSettings('default', { moderation: 'all', holdLinks: 2 }, 0);
    const { location } = await send(t, {}, { headers: { Cookie: 'parley_admin=anything', Authorization: 'Bearer anything' } });
    expect(location).toBe('https://blog.example/post/#parley-held');
    expect(await stored(t)).toEqual([{ id: 1, status: 'pending', depth: 1, name: 'Ada' }]);
  });

  test('takes only a urlencoded form (415) of at most 64 KB (413)', async () => {
    const t = blog();
    const json = await t.post('/comments/form', { page: '/post/', text: 'x' });
    expect(json.status).toBe(415);
    const big = await t.app.request('/comments/form', {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({ page: '/post/', text: 'x'.repeat(70_000) }).toString(),
    });
    expect(big.status).toBe(413);
    expect(await stored(t)).toEqual([]);
  });

  test('a refused post whose page is not a blog path is answered as the JSON API would (400 invalid_page)', async () => {
    const t = blog();
    const response = await t.app.request('/comments/form', {
      method: 'POST',
      headers: { ...FORM, Origin: 'https://blog.example' },
      body: new URLSearchParams({ page: 'https://evil.example/', text: 'x', name: 'Ada', email: 'ada@example.com' }).toString(),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error).toMatchObject({ code: 'invalid_page', field: 'page' });
  });
});
