import { afterEach, describe, expect, test } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp } from '../helpers/test-app.ts';
import { tempDir } from '../helpers/server.ts';

const dirs: Array<{ cleanup(): void }> = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.cleanup();
});

function builtAdmin() {
  const dir = tempDir();
  dirs.push(dir);
  mkdirSync(join(dir.path, 'admin', 'assets'), { recursive: true });
  writeFileSync(join(dir.path, 'admin', 'index.html'), '<!doctype html><title>admin</title>');
  writeFileSync(join(dir.path, 'admin', 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dir.path, 'secret.txt'), 'no');
  return dir.path;
}

describe('GET /admin/', () => {
  test('/admin redirects to /admin/ with a relative Location, so a path prefix survives', async () => {
    const t = createTestApp({}, { distDir: builtAdmin() });
    const response = await t.get('/admin');
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('admin/');
  });

  test('serves the page with a strict Content-Security-Policy and no framing', async () => {
    const t = createTestApp({}, { distDir: builtAdmin() });
    const response = await t.get('/admin/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  test('serves hashed assets for a year, and nothing outside the assets folder', async () => {
    const t = createTestApp({}, { distDir: builtAdmin() });
    const asset = await t.get('/admin/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const path of ['/admin/assets/..%2F..%2Fsecret.txt', '/admin/assets/.env.js', '/admin/assets/missing.js', '/admin/assets/index-abc.exe']) {
      expect((await t.get(path)).status, path).toBe(404);
    }
  });

  test('says how to build it when it has not been built', async () => {
    const t = createTestApp({}, { distDir: '/nonexistent' });
    const response = await t.get('/admin/');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('npm run build');
  });

  test("the session cookie follows PUBLIC_URL's path prefix", async () => {
    const { hashPassword } = await import('../../server/auth/password.ts');
    const t = createTestApp({ PUBLIC_URL: 'https://example.com/comments' });
    await t.repos.moderators.create({ email: 'mod@example.com', name: '', passwordHash: await hashPassword('a long password'), now: 0 });
    const response = await t.post('/api/admin/session', { email: 'mod@example.com', password: 'a long password' }, { Origin: 'https://example.com' });
    expect(response.headers.get('set-cookie')).toContain('Path=/comments/api/admin');
  });
});
