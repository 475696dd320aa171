/**
 * Server throughput: the real server (its own process) under load from wrk
 * (or autocannon when wrk is not installed), 50 connections, rate limits off.
 * Prints requests/s, p50, p99 against the bars of SPEC §10, and the memory
 * the machine pays: the server started exactly as `npm start` starts it, its
 * RSS idle after start and at the peak of the read and of the post loads, the
 * heap in use and what it loads at start (bars: ≤ 80 MB idle, ≤ 120 MB under
 * load); then again with 1,000,000 comments in the database (skip with
 * BENCH_SMALL=1).
 */
import { join } from 'node:path';
import { openDatabase } from '../server/db/open.ts';
import { seedThreads } from './seed.ts';
import { startServer, tempDir } from '../tests/helpers/server.ts';
import { hasWrk, runLoad, type Load } from './load.ts';
import { MODULE_LIST_HOOK, peakDuring, residentMb, summariseModules } from './memory.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const pages50 = Array.from({ length: 50 }, (_, i) => `page=${encodeURIComponent(`/bench/listing-${i}/`)}`).join('&');

async function run(title: string, load: Omit<Load, 'seconds' | 'connections'>, bar: { rps: number; p99?: number }) {
  const result = await runLoad({ seconds: DURATION, connections: 50, ...load });
  const meets = result.requestsPerSecond >= bar.rps && (bar.p99 === undefined || result.p99 <= bar.p99);
  console.log(
    `${title.padEnd(44)} ${Math.round(result.requestsPerSecond).toLocaleString('en').padStart(7)} req/s` +
      `  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms` +
      `  (bar ≥ ${bar.rps.toLocaleString('en')}/s${bar.p99 ? `, p99 ≤ ${bar.p99} ms` : ''}: ${meets ? 'met' : 'MISSED'})` +
      (result.errors ? `  ${result.errors} errors/non-2xx` : ''),
  );
}

const IDLE_MS = 3000;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bar = (ok: boolean) => (ok ? 'met' : 'MISSED');

/** A second start of the same server with bench/loaded-modules.mjs: what it loads before its first request, and its heap then. */
async function atStart(databasePath: string, dir: string) {
  const list = join(dir, 'modules.txt');
  const server = await startServer(
    { DATABASE_PATH: databasePath, PARLEY_MODULE_LIST: list, NODE_OPTIONS: `--import=${MODULE_LIST_HOOK}` },
    { asNpmStart: true },
  );
  try {
    await settle(IDLE_MS);
    server.process.kill('SIGUSR2');
    await settle(200);
    return summariseModules(list);
  } finally {
    await server.stop();
  }
}

async function scenario(label: string, extraComments: number) {
  const dir = tempDir('parley-bench-');
  const databasePath = join(dir.path, 'bench.db');
  const db = openDatabase(databasePath);
  seedThreads(db, { prefix: '/bench/thread-', threads: 1, perThread: 200 });
  seedThreads(db, { prefix: '/bench/listing-', threads: 50, perThread: 3 });
  if (extraComments) seedThreads(db, { prefix: '/bulk/', threads: extraComments / 100, perThread: 100 });
  const total = db.prepare('SELECT count(*) FROM comments').pluck().get() as number;
  db.close();

  console.log(`\n${label}: ${total.toLocaleString('en')} comments in the database`);
  // The first start writes the site's secret; the measured start is a restart, as a server spends its life.
  const start = await atStart(databasePath, dir.path);
  const server = await startServer({ DATABASE_PATH: databasePath, RATE_LIMIT_PER_MINUTE: '0' }, { asNpmStart: true });
  const pid = server.process.pid!;
  try {
    await settle(IDLE_MS);
    const idle = residentMb(pid);
    const check = await (await fetch(`${server.url}/api/comments?page=/bench/thread-0/&limit=100`)).text();
    console.log(`  one page: ${JSON.parse(check).comments.length} comments, ${check.length.toLocaleString('en')} bytes`);
    const reads = await peakDuring(pid, async () => {
      // Warm up (JIT, caches) before anything is measured.
      await runLoad({ url: `${server.url}/api/comments?page=/bench/thread-0/&limit=100`, seconds: 3, connections: 50 });
      await runLoad({ url: `${server.url}/api/counts?${pages50}`, seconds: 2, connections: 50 });
      await run('  GET /api/comments (100 of 200)', { url: `${server.url}/api/comments?page=/bench/thread-0/&limit=100` }, { rps: 10_000, p99: 20 });
      await run('  GET /api/counts (50 pages)', { url: `${server.url}/api/counts?${pages50}` }, { rps: 10_000 });
    });
    const posts = await peakDuring(pid, async () => {
      await run(
        '  POST /api/comments',
        {
          url: `${server.url}/api/comments`,
          postJson: JSON.stringify({
            page: '/bench/post-target/',
            title: 'Bench',
            text: 'Comment number {{n}} with *emphasis*.',
            author: { name: 'Bench', email: 'bench@example.com' },
          }),
        },
        { rps: 1_500 },
      );
      await run(
        '  GET /api/comments, a thread just written',
        { url: `${server.url}/api/comments?page=/bench/post-target/&limit=100` },
        { rps: 10_000, p99: 20 },
      );
    });
    console.log(
      `  server RSS (npm start): idle ${idle.toFixed(1)} MB [≤ 80: ${bar(idle <= 80)}], peak under reads ${reads.peakMb.toFixed(1)} MB, ` +
        `under posts ${posts.peakMb.toFixed(1)} MB [≤ 120: ${bar(Math.max(reads.peakMb, posts.peakMb) <= 120)}]; VmHWM ${residentMb(pid, 'VmHWM').toFixed(1)} MB`,
    );
    console.log(`  at start: heap used ${start.heapUsedMb.toFixed(1)} MB, ${start.modules}`);
  } finally {
    await server.stop();
    dir.cleanup();
  }
}

console.log(
  `Server throughput (${DURATION} s a run, 50 connections, ${hasWrk ? 'wrk' : 'autocannon (install wrk for the figures the bars mean)'} in a second process, cores shared)`,
);
await scenario('Small database', 0);
if (!process.env.BENCH_SMALL) await scenario('Large database', 1_000_000);
