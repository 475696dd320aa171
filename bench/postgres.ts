/**
 * Parley on PostgreSQL: the server bench as against SQLite (GET a 100-comment
 * page, counts for 50 pages, POST; 50 connections), then two Parley processes
 * on one database behind a round-robin proxy: requests/s, p50/p99, the RSS of
 * each process, and the time from a POST through one server to the SSE event
 * on the other. Starts its own throwaway PostgreSQL cluster (Debian's package).
 * `BENCH_SECONDS` (default 5) per run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import pg from 'pg';
import { openDatabase } from '../server/db/open.ts';
import { copyDatabase } from '../server/db/copy.ts';
import { seedThreads } from './seed.ts';
import { startServer, tempDir, type RunningServer } from '../tests/helpers/server.ts';
import { startPgCluster } from '../tests/helpers/pg-cluster.ts';
import { hasWrk, runLoad } from './load.ts';
import { startRoundRobinProxy } from './round-robin-proxy.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const pages50 = Array.from({ length: 50 }, (_, i) => `page=${encodeURIComponent(`/bench/listing-${i}/`)}`).join('&');
const postBody = JSON.stringify({
  page: '/bench/post-target/',
  title: 'Bench',
  text: 'Comment number {{n}} with *emphasis*.',
  author: { name: 'Bench', email: 'bench@example.com' },
});
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function measure(title: string, base: string, servers: RunningServer[]) {
  const line = async (label: string, url: string, postJson?: string) => {
    const r = await runLoad({ url, seconds: SECONDS, connections: 50, postJson });
    console.log(
      `  ${label.padEnd(34)} ${Math.round(r.requestsPerSecond).toLocaleString('en').padStart(7)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms${r.errors ? `  ${r.errors} errors` : ''}`,
    );
  };
  console.log(`\n${title}`);
  await runLoad({ url: `${base}/api/comments?page=/bench/thread-0/&limit=100`, seconds: 2, connections: 50 });
  await line('GET /api/comments (100 of 200)', `${base}/api/comments?page=/bench/thread-0/&limit=100`);
  await line('GET /api/counts (50 pages)', `${base}/api/counts?${pages50}`);
  await line('POST /api/comments', `${base}/api/comments`, postBody);
  await line('GET a thread just written', `${base}/api/comments?page=/bench/post-target/&limit=100`);
  console.log(`  RSS: ${servers.map((s, i) => `process ${i + 1} ${rssMb(s.process.pid!).toFixed(0)} MB`).join(', ')}`);
}

/** Time from a POST through `a` to its `comment` event on `b`'s live stream, `rounds` times. */
async function crossLatency(a: RunningServer, b: RunningServer, rounds: number): Promise<number[]> {
  const page = '/bench/live/';
  const response = await fetch(`${b.url}/api/events?page=${page}`);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const nextEvent = async (): Promise<string> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        if (event) return event;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
    }
  };
  await nextEvent(); // ready
  const times: number[] = [];
  for (let n = 0; n < rounds; n++) {
    const started = performance.now();
    await fetch(`${a.url}/api/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ page, title: 'Live', text: `Live ${n} ${Math.random()}`, author: { name: 'Bench', email: 'live@example.com' } }),
    });
    while ((await nextEvent()) !== 'comment');
    times.push(performance.now() - started);
  }
  await reader.cancel();
  return times.sort((x, y) => x - y);
}

console.log(
  `Parley on PostgreSQL (${SECONDS} s a run, 50 connections, ${hasWrk ? 'wrk' : 'autocannon'}; load average at start ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')})`,
);
const dir = tempDir('parley-bench-pg-');
const cluster = await startPgCluster();
try {
  const file = join(dir.path, 'seed.db');
  const seed = openDatabase(file);
  seedThreads(seed, { prefix: '/bench/thread-', threads: 1, perThread: 200 });
  seedThreads(seed, { prefix: '/bench/listing-', threads: 50, perThread: 3 });
  seed.close();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  await admin.end();
  const url = cluster.urlOf('bench');
  await copyDatabase(file, url, { force: false });
  const env = { DATABASE_URL: url, RATE_LIMIT_PER_MINUTE: '0', SECRET: 'bench-secret-the-same-on-both-servers-000', DATABASE_POOL_SIZE: '10' };

  const one = await startServer(env, { timeoutMs: 90_000 });
  await measure('One process on PostgreSQL', one.url, [one]);
  const two = await startServer(env, { timeoutMs: 90_000 });
  const proxy = await startRoundRobinProxy([one.url, two.url]);
  await measure('Two processes on one PostgreSQL database, behind a round-robin proxy (the proxy is Node, in this process)', proxy.url, [one, two]);
  const times = await crossLatency(one, two, 30);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`\nPOST through process 1 → SSE event on process 2 (30 posts): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
  await proxy.close();
  await Promise.all([one.stop(), two.stop()]);
} finally {
  cluster.stop();
  dir.cleanup();
  console.log(
    `load average at end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}
