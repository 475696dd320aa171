/**
 * Time from the embed script arriving to the first page of a 200-comment
 * thread drawn, in real headless Chromium against the real server: median of
 * runs, split into "in the DOM" (Preact committed the comments) and "painted"
 * (the next frame's style, layout and paint done: a task posted from its
 * animation-frame callback runs after them). Twice: the first screenful (the
 * first comments, drawn first: what a reader sees) and the whole first page
 * (50 top-level comments with their replies, drawn right after).
 *
 * Nothing of the harness runs in the page while it loads: the blog's page comes from a server of its
 * own (another origin, as a blog is; Playwright's request routing would add a round trip through
 * this process to the thread's request), and the page reports its timing on the console instead
 * of being polled (waitForFunction evaluates Playwright's injected script in the page, ~20 ms of
 * its main thread, and then runs a check each frame).
 */
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../server/db/open.ts';
import { seedThreads } from './seed.ts';
import { startServer, tempDir } from '../tests/helpers/server.ts';
import { chromiumPath, launchBrowser } from '../tests/helpers/browser.ts';

const RUNS = 21;
const REPORT = 'parley-timing ';

/** The blog's page, served from 127.0.0.1 on a port of its own. */
function serveHost(html: string): Promise<{ url: string; close: () => void }> {
  const http = createServer((_, response) => response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html));
  return new Promise((resolve) =>
    http.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => http.close() })),
  );
}

if (!chromiumPath) {
  console.log('No Chromium: skipped.');
  process.exit(0);
}

interface Timing {
  loaded: number;
  /** The first screenful: comments in the DOM, then painted. */
  firstDom: number;
  firstPainted: number;
  dom: number;
  painted: number;
  count: number;
}

const dir = tempDir('parley-bench-');
const databasePath = join(dir.path, 'render.db');
const db = openDatabase(databasePath);
seedThreads(db, { prefix: '/render/thread-', threads: 1, perThread: 200 });
db.close();
const server = await startServer({ DATABASE_PATH: databasePath });
const host = await serveHost(`<!doctype html><title>Render bench</title><div id="comments"></div>
  <script src="${server.url}/embed.js" async data-target="#comments" data-page="/render/thread-0/" data-title="Bench"></script>`);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  // Watch the widget's shadow root from outside: note when the comments are in the DOM, then two frames later.
  await page.addInitScript(() => {
    const w = window as unknown as { timing?: Partial<Timing> };
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      // A task queued from the next animation frame runs once that frame's style, layout and paint are done.
      // (No named functions in here: the page would lack tsx's helper for their names.)
      new MutationObserver((_, observer) => {
        const count = root.querySelectorAll('article.parley-comment').length;
        if (!count) return;
        if (!w.timing) {
          const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/embed.js')) as PerformanceResourceTiming;
          w.timing = { loaded: script.responseEnd, firstDom: performance.now() };
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => (w.timing!.firstPainted = performance.now());
            channel.port2.postMessage(0);
          });
        }
        if (count < 50) return;
        observer.disconnect();
        Object.assign(w.timing, { dom: performance.now(), count });
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            w.timing!.painted = performance.now();
            console.log('parley-timing ' + JSON.stringify(w.timing));
          };
          channel.port2.postMessage(0);
        });
      }).observe(root, { childList: true, subtree: true });
      return root;
    };
  });
  const runs: Timing[] = [];
  for (let run = 0; run < RUNS; run++) {
    const reported = page.waitForEvent('console', { predicate: (m) => m.text().startsWith(REPORT), timeout: 10_000 });
    await page.goto(`${host.url}/host.html`, { waitUntil: 'commit' });
    runs.push(JSON.parse((await reported).text().slice(REPORT.length)) as Timing);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const since = (pick: (t: Timing) => number) => runs.map((t) => pick(t) - t.loaded);
  const line = (label: string, dom: number[], painted: number[]) => {
    const p = median([...painted]);
    console.log(
      `  ${label}: in the DOM ${median(dom).toFixed(1)} ms; painted ${p.toFixed(1)} ms (best ${Math.min(...painted).toFixed(1)} ms) — bar 100 ms: ${p <= 100 ? 'met' : 'MISSED'}`,
    );
  };
  console.log(`200-comment thread, first page (${runs[0]!.count} top-level comments), embed.js loaded → …, median of ${RUNS} runs:`);
  line(
    'first screenful',
    since((t) => t.firstDom),
    since((t) => t.firstPainted),
  );
  line(
    'whole first page',
    since((t) => t.dom),
    since((t) => t.painted),
  );
} finally {
  await browser.close();
  host.close();
  await server.stop();
  dir.cleanup();
}
