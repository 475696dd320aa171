/**
 * Compressed, cacheable delivery (issue 10), through app.request against the built dist/:
 * brotli or gzip as Accept-Encoding asks, Vary, the stable entry scripts revalidated by
 * ETag, the content-hashed chunks immutable, and thread pages compressed from the cache.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const DIST = join(import.meta.dirname, '..', '..', 'dist');
const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as Record<string, string>;
const BROWSER = 'gzip, deflate, br, zstd';

async function bytesOf(response: Response): Promise<Buffer> {
  const body = Buffer.from(await response.arrayBuffer());
  const encoding = response.headers.get('content-encoding');
  return encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
}

async function thread(t: TestApp, roots: number) {
  for (let i = 0; i < roots; i++) {
    t.time.now += 1000;
    await t.comment({ text: `Comment number ${i}, long enough to make the page worth compressing.` });
  }
}

describe('the entry scripts: stable URLs, short lifetime, ETag and 304', () => {
  test.each([['embed.js'], ['count.js']])('%s goes out as brotli to a browser that offers it, gzip or raw to others', async (file) => {
    const t = createTestApp();
    const raw = readFileSync(join(DIST, file));
    const br = await t.get(`/${file}`, { 'Accept-Encoding': BROWSER });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('cache-control')).toBe('public, max-age=300');
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await bytesOf(br)).equals(raw)).toBe(true);

    const gzip = await t.get(`/${file}`, { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect((await bytesOf(gzip)).equals(raw)).toBe(true);

    const plain = await t.get(`/${file}`);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(Buffer.from(await plain.arrayBuffer()).equals(raw)).toBe(true);
    // Each form has its own validator.
    expect(new Set([br, gzip, plain].map((r) => r.headers.get('etag'))).size).toBe(3);
  });

  test('a revalidation with the ETag of any form answers 304 with no body', async () => {
    const t = createTestApp();
    const first = await t.get('/embed.js', { 'Accept-Encoding': BROWSER });
    const etag = first.headers.get('etag')!;
    const again = await t.get('/embed.js', { 'Accept-Encoding': BROWSER, 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const plain = await t.get('/embed.js', { 'If-None-Match': `"other", ${etag}` });
    expect(plain.status).toBe(304);
    expect((await t.get('/embed.js', { 'If-None-Match': '"something-else"' })).status).toBe(200);
  });
});

describe('content-hashed chunks', () => {
  test('the manifest names every on-demand chunk by its content, and embed.js carries those names', () => {
    const embed = readFileSync(join(DIST, 'embed.js'), 'utf8');
    const count = readFileSync(join(DIST, 'count.js'), 'utf8');
    const recent = readFileSync(join(DIST, manifest['recent.js']!), 'utf8');
    const moderate = readFileSync(join(DIST, manifest['moderate.js']!), 'utf8');
    expect(Object.keys(manifest).sort()).toEqual(
      expect.arrayContaining(['actions.js', 'sign-in.js', 'moderate.js', 'recent.js', 'i18n/de.json', 'i18n/zh-TW.json', 'i18n-recent/de.json']),
    );
    // moderate.js (a moderator's controls) is loaded by actions.js, which carries its name; embed.js does not.
    const actions = readFileSync(join(DIST, manifest['actions.js']!), 'utf8');
    expect(actions).toContain(manifest['moderate.js']);
    expect(embed).not.toContain('moderate.');
    for (const [name, file] of Object.entries(manifest)) {
      if (name === 'moderate.js') continue;
      expect(file).toMatch(new RegExp(`^${name.replace(/\.(\w+)$/, '')}\\.[0-9a-f]{10}\\.\\w+$`));
      // A group of locales shares one hash (of all of them), so a script carries it as one entry: `i18n/*.HASH.json`.
      const entry = name.startsWith('i18n') ? file.replace(/[^/]+(?=\.[0-9a-f]{10}\.json$)/, '*') : file;
      // recent.js and the words of its list are count.js's to load, never embed.js's; a moderator's words are moderate.js's.
      if (name == 'recent.js') expect([count.includes(entry), embed.includes(entry)]).toEqual([true, false]);
      else if (name.startsWith('i18n-recent/')) expect([recent.includes(entry), embed.includes(entry)]).toEqual([true, false]);
      else if (name.startsWith('i18n-moderate/')) expect([moderate.includes(entry), embed.includes(entry)]).toEqual([true, false]);
      else expect(embed).toContain(entry);
    }
    expect(
      new Set(
        Object.entries(manifest)
          .filter(([name]) => name.startsWith('i18n/'))
          .map(([, file]) => file.split('.')[1]),
      ).size,
    ).toBe(1);
  });

  test('are served immutable for a year, compressed', async () => {
    const t = createTestApp();
    for (const file of Object.values(manifest)) {
      const response = await t.get(`/${file}`, { 'Accept-Encoding': BROWSER });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // Under 1 KB a file is sent as it is (compressing it would save next to nothing).
      expect(response.headers.get('content-encoding')).toBe(statSync(join(DIST, file)).size < 1024 ? null : 'br');
      expect((await bytesOf(response)).equals(readFileSync(join(DIST, file)))).toBe(true);
    }
  });

  test('the unhashed names, unknown hashes and the compiled server are not served', async () => {
    const t = createTestApp();
    for (const path of [
      '/actions.js',
      '/sign-in.js',
      '/actions.0000000000.js',
      '/server/main.js',
      '/server/app.0123456789.js',
      '/manifest.json',
      '/embed.js.br',
    ]) {
      expect((await t.get(path)).status, path).toBe(404);
    }
  });
});

describe('one round trip to draw', () => {
  test("each thread page carries what GET /api/config answers, with the site's own rule on names and emails", async () => {
    const t = createTestApp({ EDIT_WINDOW_MINUTES: '20' });
    const config = await (await t.get('/api/config')).json();
    expect(config).toMatchObject({ editWindowMinutes: 20, requireNameEmail: true });
    expect((await (await t.get('/api/comments?page=/post/')).json()).config).toEqual(config);
    await t.repos.sites.saveSettings('default', { requireNameEmail: false }, t.time.now);
    const page = await (await t.get('/api/comments?page=/post/')).json();
    expect(page.config).toEqual({ ...config, requireNameEmail: false });
    expect(page.config).toEqual(await (await t.get('/api/config')).json());
  });
});

describe('JSON and pages', () => {
  test('a cached thread page goes out compressed as asked, the same JSON in each form', async () => {
    const t = createTestApp();
    await thread(t, 40);
    const plain = await t.get('/api/comments?page=/post/&limit=100');
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(1024);
    expect(plain.headers.get('content-encoding')).toBeNull();
    for (const [accept, encoding] of [
      [BROWSER, 'br'],
      ['gzip', 'gzip'],
      ['gzip;q=0.2, br;q=0.1', 'gzip'],
    ] as const) {
      // Twice: the first answer fills the cache, the second comes from it.
      for (let i = 0; i < 2; i++) {
        const response = await t.get('/api/comments?page=/post/&limit=100', { 'Accept-Encoding': accept });
        expect(response.headers.get('content-encoding')).toBe(encoding);
        expect(response.headers.get('vary')).toBe('Accept-Encoding');
        expect(response.headers.get('access-control-allow-origin')).toBe('*');
        expect((await bytesOf(response)).toString()).toBe(text);
      }
    }
  });

  test("a reader's own view (not cached) and the counts are compressed too; a small answer is not", async () => {
    const t = createTestApp();
    await thread(t, 40);
    const own = await t.get('/api/comments?page=/post/', { 'Accept-Encoding': 'gzip', 'X-Parley-Tokens': '1.nothing' });
    expect(own.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse((await bytesOf(own)).toString()).comments).toHaveLength(40);
    const pages = Array.from({ length: 60 }, (_, i) => `page=/a-rather-long-listing-path/${i}/`).join('&');
    const counts = await t.get(`/api/counts?${pages}`, { 'Accept-Encoding': BROWSER });
    expect(counts.headers.get('content-encoding')).toBe('br');
    expect(Object.keys(JSON.parse((await bytesOf(counts)).toString()))).toHaveLength(60);
    const small = await t.get('/api/counts?page=/post/', { 'Accept-Encoding': BROWSER });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(await small.json()).toEqual({ '/post/': 40 });
  });

  test('answers made per request (the feed, the admin view) are compressed when 1 KB or more', async () => {
    const t = createTestApp();
    await thread(t, 20);
    const feed = await t.get('/feed.atom?page=/post/', { 'Accept-Encoding': BROWSER });
    expect(feed.headers.get('content-encoding')).toBe('br');
    expect(feed.headers.get('vary')).toContain('Accept-Encoding');
    expect((await bytesOf(feed)).toString()).toContain('Comment number 19');
    const admin = await t.get('/admin/', { 'Accept-Encoding': 'gzip' });
    expect(admin.status).toBe(200);
    expect((await bytesOf(admin)).toString()).toContain('<html');
    const asset = /assets\/[^"]+\.js/.exec((await bytesOf(await t.get('/admin/'))).toString())![0];
    const script = await t.get(`/admin/${asset}`, { 'Accept-Encoding': BROWSER });
    expect(script.headers.get('content-encoding')).toBe('br');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});

describe('reads at the ceiling: a repeated read answered before the router', () => {
  const URL_ = 'http://parley.test/api/comments?page=/post/&limit=100';
  const read = (t: TestApp, headers: Record<string, string> = {}) => t.app.fetch(new Request(URL_, { headers }));

  test('the same answer as the first read, returned at once (not a promise), in each encoding and for each origin', async () => {
    const t = createTestApp({ SITE_ORIGINS: 'https://blog.example' });
    await thread(t, 40);
    const asked: Record<string, string>[] = [
      {},
      { 'Accept-Encoding': BROWSER },
      { Origin: 'https://blog.example', 'Accept-Encoding': 'gzip' },
      { Origin: 'https://evil.example' },
    ];
    for (const headers of asked) {
      const first = await read(t, headers);
      const again = read(t, headers);
      expect(again).toBeInstanceOf(Response);
      const second = again as Response;
      expect(Object.fromEntries(second.headers)).toEqual(Object.fromEntries(first.headers));
      expect(await bytesOf(second)).toEqual(await bytesOf(first));
    }
    const evil = (await read(t, { Origin: 'https://evil.example' })) as Response;
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const blog = (await read(t, { Origin: 'https://blog.example' })) as Response;
    expect(blog.headers.get('access-control-allow-origin')).toBe('https://blog.example');
    expect(blog.headers.get('vary')).toBe('Origin, Accept-Encoding');
  });

  test('a personal read (edit tokens, a session) never takes it, and a new comment is in the next read', async () => {
    const t = createTestApp();
    await thread(t, 3);
    await read(t);
    expect(read(t, { 'X-Parley-Tokens': '1.nothing' })).toBeInstanceOf(Promise);
    expect(read(t, { Authorization: 'Bearer nothing' })).toBeInstanceOf(Promise);
    expect(read(t)).toBeInstanceOf(Response);
    await t.comment({ text: 'A fourth comment' });
    const after = read(t);
    expect(after).toBeInstanceOf(Promise);
    expect(((await (await after).json()) as { comments: unknown[] }).comments).toHaveLength(4);
    expect(read(t)).toBeInstanceOf(Response);
  });

  test('other methods and paths take the long way', async () => {
    const t = createTestApp();
    await thread(t, 3);
    await read(t);
    expect(t.app.fetch(new Request(URL_, { method: 'HEAD' }))).toBeInstanceOf(Promise);
    expect(t.app.fetch(new Request(URL_.replace('/api/comments', '/api/comments/')))).toBeInstanceOf(Promise);
  });
});
