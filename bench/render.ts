/**
 * Time from the embed script starting to the first page of a 200-comment
 * thread drawn, in real headless Chromium against the real server (median of runs).
 */
import { join } from 'node:path';
import { openDatabase } from '../server/db/open.ts';
import { seedThreads } from './seed.ts';
import { startServer, tempDir } from '../tests/helpers/server.ts';
import { chromiumPath, launchBrowser } from '../tests/helpers/browser.ts';

const RUNS = 15;

if (!chromiumPath) {
  console.log('No Chromium: skipped.');
  process.exit(0);
}

const dir = tempDir('parley-bench-');
const databasePath = join(dir.path, 'render.db');
const db = openDatabase(databasePath);
seedThreads(db, { prefix: '/render/thread-', threads: 1, perThread: 200 });
db.close();
const server = await startServer({ DATABASE_PATH: databasePath });
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.route('**/host.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Render bench</title><div id="comments"></div>
        <script src="${server.url}/embed.js" async data-target="#comments" data-page="/render/thread-0/" data-title="Bench"></script>`,
    }),
  );
  const times: number[] = [];
  const drawn: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto(`${server.url}/host.html`);
    const result = await page.waitForFunction(() => {
      const root = document.querySelector('#comments')?.shadowRoot;
      const count = root?.querySelectorAll('article.parley-comment').length ?? 0;
      if (count < 50) return false;
      const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/embed.js')) as PerformanceResourceTiming;
      return { drawnAt: performance.now(), scriptReady: script.responseEnd, count };
    }, undefined, { polling: 'raf', timeout: 10_000 });
    const { drawnAt, scriptReady, count } = (await result.jsonValue()) as { drawnAt: number; scriptReady: number; count: number };
    times.push(drawnAt - scriptReady);
    drawn.push(count);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`200-comment thread (first page: ${drawn[0]} comments drawn), script loaded → comments drawn, ${RUNS} runs:`);
  console.log(`  median ${median.toFixed(1)} ms, best ${times[0]!.toFixed(1)} ms, worst ${times.at(-1)!.toFixed(1)} ms (bar: 100 ms)`);
} finally {
  await browser.close();
  await server.stop();
  dir.cleanup();
}
