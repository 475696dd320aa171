/**
 * What leaves the running server, and what it costs to start and to keep:
 * - bytes on the wire for embed.js, count.js, each chunk and a 100-comment page, identity / gzip /
 *   brotli, fetched from the server with Accept-Encoding (node:http, so nothing decodes on the way);
 * - time from `npm start` (node scripts/run.mjs main) to the first answer, with dist/ fresh;
 * - the server's RSS idle (after start, after one read) and what it loads at start.
 * Time to the first answer without dist/ (a fresh clone): BENCH_COLD=1 builds in a copy-free way
 * by touching a source so that `npm start` rebuilds.
 */
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../server/db/open.ts';
import { seedThreads } from './seed.ts';
import { tempDir } from '../tests/helpers/server.ts';

const ROOT = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'manifest.json'), 'utf8')) as Record<string, string>;

function size(url: string, encoding: string) {
  return new Promise<number>((resolve, reject) => {
    get(url, { headers: encoding ? { 'Accept-Encoding': encoding } : {} }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
    }).on('error', reject);
  });
}

async function startTimed(env: Record<string, string>) {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'run.mjs'), 'main'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  await size(`${url}/api/counts?page=/`, '');
  return { url, child, ms: performance.now() - started };
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`.padStart(10);

const dir = tempDir('parley-wire-');
const databasePath = join(dir.path, 'wire.db');
const db = openDatabase(databasePath);
seedThreads(db, { prefix: '/bench/thread-', threads: 1, perThread: 200 });
db.close();

if (process.env.BENCH_COLD) {
  const now = new Date();
  utimesSync(join(ROOT, 'server', 'main.ts'), now, now);
  utimesSync(join(ROOT, 'widget', 'embed.tsx'), now, now);
  const cold = await startTimed({ DATABASE_PATH: databasePath });
  console.log(`npm start to the first answer, dist/ stale (rebuilds): ${(cold.ms / 1000).toFixed(1)} s`);
  cold.child.kill();
}

const times: number[] = [];
for (let i = 0; i < 3; i++) {
  const run = await startTimed({ DATABASE_PATH: databasePath });
  times.push(run.ms);
  run.child.kill();
  await new Promise((resolve) => run.child.once('exit', resolve));
}
console.log(`npm start to the first answer, dist/ fresh: ${times.map((t) => `${Math.round(t)} ms`).join(', ')}`);

const server = await startTimed({ DATABASE_PATH: databasePath });
const pid = server.child.pid!;
await new Promise((resolve) => setTimeout(resolve, 1000));
console.log(`server RSS idle after start: ${rssMb(pid).toFixed(1)} MB`);

console.log('\nBytes on the wire (from the running server)        identity        gzip      brotli');
const files: [string, string][] = [
  ['embed.js', '/embed.js'],
  ['count.js', '/count.js'],
  ...Object.entries(manifest).map(([name, file]): [string, string] => [name, `/${file}`]),
  ['100-comment page (JSON)', '/api/comments?page=/bench/thread-0/&limit=100'],
];
for (const [name, path] of files) {
  const [identity, gzip, br] = [await size(server.url + path, ''), await size(server.url + path, 'gzip'), await size(server.url + path, 'gzip, deflate, br')];
  console.log(`  ${name.padEnd(46)} ${kb(identity)}  ${kb(gzip)}  ${kb(br)}`);
}
await new Promise((resolve) => setTimeout(resolve, 500));
console.log(`server RSS idle after those reads: ${rssMb(pid).toFixed(1)} MB`);
server.child.kill();
dir.cleanup();
