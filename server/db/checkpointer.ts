import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { Db } from './open.ts';

/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs
 * inside the commit that crosses 1,000 pages: it copies those pages into the
 * database file and fsyncs it, on the event loop, for 5–50 ms here — the
 * slowest posts of a busy second. The server's connection turns it off
 * (`wal_autocheckpoint = 0`), and a worker thread with its own connection runs
 * `PRAGMA wal_checkpoint(PASSIVE)` each second there were commits: it never
 * waits for a reader or blocks a writer. `journal_size_limit` truncates the WAL
 * file once a checkpoint has caught up, so it stays bounded.
 *
 * The worker (an isolate of its own, ~15 MB) starts at the first write and ends
 * after a minute without one, so an idle server does not carry it.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true, timeout: 0 });
parentPort.on('message', () => {
  try {
    parentPort.postMessage({ result: db.pragma('wal_checkpoint(PASSIVE)')[0] });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
});
`;

export function startCheckpointer(db: Db, path: string, options: { everyMs?: number; idleMs?: number; walLimitBytes?: number } = {}): Checkpointer {
  const everyMs = options.everyMs ?? 1000;
  const idleMs = options.idleMs ?? 60_000;
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`journal_size_limit = ${options.walLimitBytes ?? 64 * 1024 * 1024}`);
  const changes = db.prepare('SELECT total_changes()').pluck();
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');

  let worker: Worker | null = null;
  let busy = false;
  let seen = changes.get() as number;
  let lastWrite = Date.now();
  let failed = false;

  /** In line, when the worker cannot run: still PASSIVE, still off the commit itself. */
  const inLine = () => db.pragma('wal_checkpoint(PASSIVE)');

  const startWorker = () => {
    const started = new Worker(WORKER, {
      eval: true,
      workerData: { driver, path },
      resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 },
    });
    started.on('message', (reply: { error?: string }) => {
      busy = false;
      if (reply.error) console.error(`[parley] WAL checkpoint failed: ${reply.error}`);
    });
    started.on('error', (error) => {
      console.error('[parley] the checkpoint worker stopped; checkpointing in line', error);
      worker = null;
      busy = false;
      failed = true;
    });
    started.unref();
    return started;
  };

  const tick = () => {
    const now = changes.get() as number;
    if (now !== seen) {
      lastWrite = Date.now();
      // Commits during a checkpoint wait for the next tick.
      if (busy) return;
      seen = now;
      if (failed) return void inLine();
      try {
        worker ??= startWorker();
      } catch (error) {
        console.error('[parley] could not start the checkpoint worker; checkpointing in line', error);
        failed = true;
        return void inLine();
      }
      busy = true;
      worker.postMessage(0);
    } else if (worker && !busy && Date.now() - lastWrite > idleMs) {
      void worker.terminate();
      worker = null;
    }
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      await worker?.terminate();
      worker = null;
    },
  };
}
