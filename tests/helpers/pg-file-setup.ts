import { afterAll, beforeAll, inject } from 'vitest';
import pg from 'pg';
import { closeTestRepos } from './test-repos.ts';

/**
 * For every test file of the `postgres` project: a fresh database in the
 * run's cluster. createTestApp() then gives each app its own schema in it.
 */
let database = '';
beforeAll(async () => {
  const admin = inject('pgUrl');
  database = `parley_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${database}`);
  await client.end();
  process.env.PARLEY_TEST_PG_URL = admin.replace(/\/postgres$/, `/${database}`);
});

afterAll(async () => {
  await closeTestRepos();
  const client = new pg.Client({ connectionString: inject('pgUrl') });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await client.end();
  delete process.env.PARLEY_TEST_PG_URL;
});
