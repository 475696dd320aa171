import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface RunningServer {
  url: string;
  port: number;
  databasePath: string;
  process: ChildProcess;
  /** What the server printed so far (standard output and error). */
  output(): string;
  /** Stops the server (SIGTERM, or SIGKILL with `{ kill: true }`). */
  stop(options?: { kill?: boolean }): Promise<void>;
}

/** A temporary folder for a test's database and files, removed by `cleanup`. */
export function tempDir(prefix = 'parley-test-'): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** The arguments `npm start` gives node (package.json: `node FLAGS scripts/run.mjs main`), for benchmarks that measure what a user runs. */
function npmStartArgs(): string[] {
  const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const [command, ...args] = start.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs ${command}, not node: ${start}`);
  return args; // relative to ROOT, the server's working directory
}

/**
 * Starts the real server as `npm start` runs it — the compiled `dist/server/main.js`
 * under plain node (vitest's global setup compiles it when server/ changed) — on a
 * free port with the given environment, and resolves once it listens. With
 * `asNpmStart`, exactly the command of `npm start` (its node flags, scripts/run.mjs).
 */
export async function startServer(env: Record<string, string>, options: { timeoutMs?: number; asNpmStart?: boolean } = {}): Promise<RunningServer> {
  const timeoutMs = options.timeoutMs ?? 45_000;
  const child = spawn(process.execPath, options.asNpmStart ? npmStartArgs() : [join(ROOT, 'dist', 'server', 'main.js')], {
    cwd: ROOT,
    // Tests type faster than people: the minimum fill time is off unless a test sets MIN_FILL_SECONDS.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', GRAVATAR_URL: 'off', MIN_FILL_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    databasePath: env.DATABASE_PATH ?? '',
    process: child,
    output: () => output,
    stop: ({ kill = false } = {}) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(kill ? 'SIGKILL' : 'SIGTERM');
      }),
  };
}
