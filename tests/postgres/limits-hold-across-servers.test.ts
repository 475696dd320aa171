import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import pg from 'pg';
import { randomBytes, scryptSync } from 'node:crypto';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { openPostgres } from '../../server/db/pg/database.ts';
import { createPgRepos } from '../../server/db/pg/repos.ts';

/**
 * Two real Parley processes on one PostgreSQL database count as one site: the
 * posting limit per address and the sign-in lock per moderator account hold
 * across them (server/db/pg/shared-counters.ts), so a second server never
 * doubles what an attacker may do.
 */
const SECRET = 'the-same-secret-on-every-server-0123456789';
const EMAIL = 'mo@example.com';
const PASSWORD = 'correct horse battery staple';
const servers: RunningServer[] = [];
let url = '';

/** A hash in Parley's stored format at a low scrypt cost, so the checks stay quick on a busy machine. */
function cheapHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: 2 ** 10, r: 8, p: 1 });
  return ['scrypt', 10, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const post = (server: RunningServer, text: string, from: string) =>
  fetch(`${server.url}/api/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': from },
    body: JSON.stringify({ page: '/limits/', title: 'Limits', text, author: { name: 'Ada', email: 'ada@example.com' } }),
  });

/** One sign-in attempt, each from its own address (as a botnet spreads them), at the server's own origin. */
let address = 0;
const signIn = (server: RunningServer, password: string) =>
  fetch(`${server.url}/api/admin/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url, 'X-Forwarded-For': `198.51.100.${address++}` },
    body: JSON.stringify({ email: EMAIL, password }),
  });

beforeAll(async () => {
  const admin = inject('pgUrl');
  const database = `limits_${process.pid}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${database}`);
  await client.end();
  url = admin.replace(/\/postgres$/, `/${database}`);
  const db = openPostgres(url, { poolSize: 1 });
  const repos = createPgRepos(db, url);
  await db.ready;
  await repos.moderators.create({ email: EMAIL, name: 'Mo', passwordHash: cheapHash(PASSWORD), now: Date.now() });
  await repos.close();
  // TRUST_PROXY: the addresses come from X-Forwarded-For, as behind the load balancer the README describes.
  const env = { DATABASE_URL: url, SECRET, TRUST_PROXY: 'true', RATE_LIMIT_PER_MINUTE: '4', DATABASE_POOL_SIZE: '2' };
  servers.push(...(await Promise.all([startServer(env, { timeoutMs: 90_000 }), startServer(env, { timeoutMs: 90_000 })])));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

describe('limits hold across two servers on one database', () => {
  test('RATE_LIMIT_PER_MINUTE=4: four posts from one address, alternating servers, pass; the fifth is refused by either, another address still posts', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(i % 2 ? b : a, `post ${i}`, '203.0.113.7')).status);
    expect(statuses).toEqual([201, 201, 201, 201]);
    for (const server of [a, b]) {
      const refused = await post(server, 'one too many', '203.0.113.7');
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as any).error.code).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await post(b, 'someone else', '203.0.113.8')).status).toBe(201);
  });

  test('10 wrong passwords for one account, 5 through each server from 10 addresses, lock it on both: the right password then answers 429 sign_in_locked', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    for (let i = 0; i < 10; i++) expect((await signIn(i < 5 ? a : b, `guess ${i}`)).status).toBe(401);
    for (const server of [a, b]) {
      const locked = await signIn(server, PASSWORD);
      expect(locked.status).toBe(429);
      expect(((await locked.json()) as any).error.code).toBe('sign_in_locked');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
    }
  });
});
