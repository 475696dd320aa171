import { describe, expect, test } from 'vitest';
import { createServer } from 'node:http';
import { createTestApp } from '../helpers/test-app.ts';

describe('GET /api/counts', () => {
  test('counts approved comments for many pages in one answer, 0 for unknown pages', async () => {
    const t = createTestApp();
    await t.comment({ page: '/a/' });
    await t.comment({ page: '/a/', text: 'two' });
    await t.comment({ page: '/b/' });
    await t.repos.sites.saveSettings('default', { moderation: 'all', holdLinks: 2 }, 0);
    await t.comment({ page: '/b/', text: 'held' });
    const response = await t.get('/api/counts?page=/a/&page=/b/&page=/c/');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ '/a/': 2, '/b/': 1, '/c/': 0 });
    expect(await (await t.get('/api/counts?site=other&page=/a/')).json()).toEqual({ '/a/': 0 });
  });

  test('the count follows new comments and deletions', async () => {
    const t = createTestApp();
    const { body } = await t.comment({ page: '/a/' });
    expect(await (await t.get('/api/counts?page=/a/')).json()).toEqual({ '/a/': 1 });
    await t.request('DELETE', '/api/comments/1', undefined, { 'X-Parley-Token': body.editToken });
    expect(await (await t.get('/api/counts?page=/a/')).json()).toEqual({ '/a/': 0 });
  });

  test('400 without pages or with more than 100', async () => {
    const t = createTestApp();
    expect(((await (await t.get('/api/counts')).json()) as any).error).toMatchObject({ field: 'page', code: 'required' });
    const many = Array.from({ length: 101 }, (_, i) => `page=/p${i}/`).join('&');
    expect((await t.get(`/api/counts?${many}`)).status).toBe(400);
  });
});

describe('POST /api/preview', () => {
  test('renders Markdown exactly as it would be stored', async () => {
    const t = createTestApp();
    const response = await t.post('/api/preview', { text: '**hi** <b onclick=x>there</b> [x](javascript:alert(1))' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ html: '<p><strong>hi</strong> &lt;b onclick=x&gt;there&lt;/b&gt; [x](javascript:alert(1))</p>' });
  });
});

describe('GET /api/config', () => {
  test('tells the widget what its form needs', async () => {
    const t = createTestApp({ EDIT_WINDOW_MINUTES: '30', MAX_DEPTH: '4', REQUIRE_NAME_EMAIL: 'no' });
    expect(await (await t.get('/api/config')).json()).toMatchObject({
      requireNameEmail: false,
      editWindowMinutes: 30,
      maxDepth: 4,
      notify: false,
      providers: [],
    });
  });
});

describe('origins', () => {
  test('with SITE_ORIGINS set, only those origins get CORS and may post; others get 403 origin_not_allowed', async () => {
    const t = createTestApp({ SITE_ORIGINS: 'https://blog.example.com' });
    const good = await t.comment({}, { Origin: 'https://blog.example.com' });
    expect(good.status).toBe(201);
    const read = await t.get('/api/comments?page=/post/', { Origin: 'https://blog.example.com' });
    expect(read.headers.get('access-control-allow-origin')).toBe('https://blog.example.com');
    // The same read answered from the cache carries the same headers.
    const again = await t.get('/api/comments?page=/post/', { Origin: 'https://blog.example.com' });
    expect(again.headers.get('access-control-allow-origin')).toBe('https://blog.example.com');
    expect(again.headers.get('vary')).toBe('Origin');
    expect(await again.text()).toBe(await read.text());
    const evil = await t.comment({ text: 'x' }, { Origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('origin_not_allowed');
    const evilRead = await t.get('/api/comments?page=/post/', { Origin: 'https://evil.example' });
    expect(evilRead.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await t.request('OPTIONS', '/api/comments', undefined, { Origin: 'https://blog.example.com', 'Access-Control-Request-Method': 'POST' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('X-Parley-Token');
  });

  test('with SITE_ORIGINS empty, any origin may embed (local trial)', async () => {
    const t = createTestApp();
    const read = await t.get('/api/comments?page=/post/', { Origin: 'http://localhost:4000' });
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
  });

  test('an unknown API path is a JSON 404', async () => {
    const t = createTestApp();
    const response = await t.get('/api/nope');
    expect(response.status).toBe(404);
    expect(((await response.json()) as any).error.code).toBe('not_found');
  });
});

describe('avatars', () => {
  test('an identicon SVG when there is no Gravatar; the email hash never reaches the browser', async () => {
    const t = createTestApp();
    const { body } = await t.comment();
    const response = await t.get(body.comment.author.avatar);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(await response.text()).toMatch(/^<svg [^>]*>.*<rect/);
  });

  test('the Gravatar image is fetched by the server from GRAVATAR_URL', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const seen: string[] = [];
    const gravatar = createServer((req, res) => {
      seen.push(req.url!);
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(png);
    });
    await new Promise<void>((resolve) => gravatar.listen(0, '127.0.0.1', resolve));
    try {
      const port = (gravatar.address() as { port: number }).port;
      const t = createTestApp({ GRAVATAR_URL: `http://127.0.0.1:${port}` });
      const { body } = await t.comment();
      const response = await t.get(body.comment.author.avatar);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await response.arrayBuffer())).toEqual(png);
      // sha256 of "ada@example.com"
      expect(seen).toEqual([`/avatar/${(await import('node:crypto')).createHash('sha256').update('ada@example.com').digest('hex')}?s=80&d=404`]);
      await t.get(body.comment.author.avatar);
      expect(seen).toHaveLength(1);
    } finally {
      gravatar.close();
    }
  });
});
