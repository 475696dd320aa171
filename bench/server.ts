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
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../server/db/open.ts';
import { seedThreads } from './seed.ts';
import { startServer, tempDir } from '../tests/helpers/server.ts';
import { hasWrk, runLoad, type Load, type LoadResult } from './load.ts';
import { runKeptAlive } from './kept-alive.ts';
import { MODULE_LIST_HOOK, peakDuring, residentMb, summariseModules } from './memory.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const pages50 = Array.from({ length: 50 }, (_, i) => `page=${encodeURIComponent(`/bench/listing-${i}/`)}`).join('&');

async function run(
  title: string,
  load: Omit<Load, 'seconds' | 'connections'>,
  bar: { rps: number; p99?: number; p99Ratio?: number },
  measure: (load: Load) => Promise<LoadResult> = runLoad,
) {
  const result = await measure({ seconds: DURATION, connections: 50, ...load });
  const meets =
    result.requestsPerSecond >= bar.rps &&
    (bar.p99 === undefined || result.p99 <= bar.p99) &&
    (bar.p99Ratio === undefined || result.p99 <= bar.p99Ratio * result.p50);
  console.log(
    `${title.padEnd(44)} ${Math.round(result.requestsPerSecond).toLocaleString('en').padStart(7)} req/s` +
      `  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms` +
      `  (bar ≥ ${bar.rps.toLocaleString('en')}/s${bar.p99 ? `, p99 ≤ ${bar.p99} ms` : ''}${bar.p99Ratio ? `, p99 ≤ ${bar.p99Ratio}× p50` : ''}: ${meets ? 'met' : 'MISSED'})` +
      (result.errors ? `  ${result.errors} errors/non-2xx` : ''),
  );
}

/** bench/bare-hono.ts in its own process, answering with `body`: resolves to its URL and a stop. */
async function startBareHono(dir: string, body: string, contentType: string) {
  const file = join(dir, 'page.json');
  writeFileSync(file, body);
  // With the node flags `npm start` gives Parley (its heap sizes), so only what runs in it differs.
  const start = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const flags = start.split(/\s+/).filter((arg) => arg.startsWith('--max-'));
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', join(import.meta.dirname, 'bare-hono.ts'), file, contentType], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`bare Hono exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => void child.kill('SIGTERM') };
}

/** The same load on Parley's thread page and on a bare Hono sending the same bytes, one after the other: Parley's share of that ceiling. */
async function againstBareHono(dir: string, parleyUrl: string) {
  const answer = await fetch(parleyUrl);
  const bare = await startBareHono(dir, await answer.text(), answer.headers.get('content-type') ?? 'application/json');
  try {
    await runLoad({ url: bare.url + '/warm', seconds: 2, connections: 50 });
    // Turn about, three times each, and take each side's median, so one noisy moment on the shared cores moves neither side.
    const rates = { parley: [] as number[], bare: [] as number[] };
    for (let round = 0; round < 3; round++) {
      rates.bare.push((await runLoad({ url: bare.url + '/api/comments', seconds: DURATION, connections: 50 })).requestsPerSecond);
      rates.parley.push((await runLoad({ url: parleyUrl, seconds: DURATION, connections: 50 })).requestsPerSecond);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    const parley = { requestsPerSecond: median(rates.parley) };
    const ceiling = { requestsPerSecond: median(rates.bare) };
    const share = parley.requestsPerSecond / ceiling.requestsPerSecond;
    console.log(
      `  GET /api/comments next to bare Hono, same bytes: Parley ${Math.round(parley.requestsPerSecond).toLocaleString('en')} req/s, ` +
        `bare Hono ${Math.round(ceiling.requestsPerSecond).toLocaleString('en')} req/s: ${(share * 100).toFixed(0)}% [≥ 90%: ${bar(share >= 0.9)}]`,
    );
  } finally {
    bare.stop();
  }
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
      await againstBareHono(dir.path, `${server.url}/api/comments?page=/bench/thread-0/&limit=100`);
    });
    const posts = await peakDuring(pid, async () => {
      const post = {
        url: `${server.url}/api/comments`,
        postJson: JSON.stringify({
          page: '/bench/post-target/',
          title: 'Bench',
          text: 'Comment number {{n}} with *emphasis*.',
          author: { name: 'Bench', email: 'bench@example.com' },
        }),
      };
      // Warm up the write path too (its modules load on first use, then the JIT), then three runs: the tail must hold in each.
      // Each run opens its 50 connections and warms them for 2 s before the clock starts (bench/kept-alive.ts says why);
      // then one run as wrk measures it, whose 50 fresh connections are accepted one per turn of the busy event loop.
      await runLoad({ ...post, seconds: 3, connections: 50 });
      const keptAlive = (load: Load) => runKeptAlive({ ...load, postJson: load.postJson!, warmSeconds: 2 });
      for (const n of [1, 2, 3]) await run(`  POST /api/comments, run ${n} of 3`, post, { rps: 1_500, p99Ratio: 5 }, keptAlive);
      const cold = await runLoad({ ...post, seconds: DURATION, connections: 50 });
      console.log(
        `${'  POST /api/comments, fresh connections'.padEnd(44)} ${Math.round(cold.requestsPerSecond).toLocaleString('en').padStart(7)} req/s` +
          `  p50 ${cold.p50.toFixed(2)} ms  p99 ${cold.p99.toFixed(2)} ms  (${cold.tool}; its p99 holds the accept ramp of its first second)`,
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
  `Server throughput (${DURATION} s a run, 50 connections, ${hasWrk ? 'wrk' : 'autocannon (install wrk for the figures the bars mean)'} in a second process, cores shared;\n` +
    '  posts over 50 connections opened and warmed first, from a worker thread: bench/kept-alive.ts)',
);
await scenario('Small database', 0);
if (!process.env.BENCH_SMALL) await scenario('Large database', 1_000_000);
