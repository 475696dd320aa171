/**
 * What webhooks cost a comment's request: the real server (`npm start`'s way), 50 connections
 * posting comments, rate limits off — without webhooks, then with two webhook targets (a receiver
 * on loopback, in this process) — and how long the outbox takes to hand every comment's delivery to
 * the receivers afterwards. Prints req/s, p50, p99 for each; the machine's noise is the margin.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { startServer, tempDir } from '../tests/helpers/server.ts';
import { runLoad } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
let received = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received++;
    res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const port = (receiver.address() as { port: number }).port;

async function scenario(title: string, env: Record<string, string>) {
  const dir = tempDir();
  const server = await startServer({ DATABASE_PATH: join(dir.path, 'parley.db'), RATE_LIMIT_PER_MINUTE: '0', ...env }, { asNpmStart: true });
  try {
    const post = {
      url: `${server.url}/api/comments`,
      postJson: JSON.stringify({
        page: '/bench/post-target/',
        title: 'Bench',
        text: 'Comment number {{n}}.',
        author: { name: 'Bench', email: 'bench@example.com' },
      }),
      connections: 50,
    };
    await runLoad({ ...post, seconds: 3 });
    received = 0;
    const result = await runLoad({ ...post, seconds: SECONDS });
    const posted = Math.round(result.requestsPerSecond * SECONDS);
    console.log(
      `${title.padEnd(36)} ${Math.round(result.requestsPerSecond).toLocaleString('en').padStart(6)} req/s  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms` +
        (result.errors ? `  ${result.errors} errors` : ''),
    );
    if (env.WEBHOOK_URLS) {
      const before = received;
      const started = performance.now();
      const targets = env.WEBHOOK_URLS.split(',').length;
      // Every comment of the measured run (and of the warm-up still queued) reaches each receiver.
      while (received < posted * targets * 0.98 && performance.now() - started < 120_000) await new Promise((r) => setTimeout(r, 100));
      console.log(
        `  ${received.toLocaleString('en')} deliveries received (${before.toLocaleString('en')} during the load), the rest within ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await server.stop();
    dir.cleanup();
  }
}

await scenario('POST /api/comments, no webhooks', {});
await scenario('POST /api/comments, 2 webhook targets', {
  WEBHOOK_URLS: `http://127.0.0.1:${port}/a,http://127.0.0.1:${port}/b#format=slack`,
  WEBHOOK_SECRET: 'bench-webhook-secret-0123',
});
receiver.close();
