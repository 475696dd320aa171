/**
 * The memory of a running server, from outside: its resident set (what the
 * machine pays) read from /proc, sampled while a load runs; and which modules
 * it loads at start (a second start with an import hook, not the measured one).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const MB = 1024 * 1024;

/** VmRSS (now) or VmHWM (the peak since start) of a process, in MB. */
export function residentMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return (Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024) / MB;
}

/** Runs `work` while sampling the process's RSS every 50 ms; resolves to its result and the highest sample. */
export async function peakDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakMb = residentMb(pid);
  const timer = setInterval(() => (peakMb = Math.max(peakMb, residentMb(pid))), 50);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peakMb, residentMb(pid)) };
  } finally {
    clearInterval(timer);
  }
}

/** The import hook that lists the modules a process loads (see the file). */
export const MODULE_LIST_HOOK = join(import.meta.dirname, '..', 'tests', 'helpers', 'loaded-modules.mjs');

/** What the hook wrote: "253 modules: zod 95, hono 33, …, Parley's own 104" and the heap in use when asked (SIGUSR2). */
export function summariseModules(file: string): { modules: string; heapUsedMb: number } {
  const counts = new Map<string, number>();
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const heap = lines.find((line) => line.startsWith('heap '));
  for (const url of new Set(lines.filter((line) => line.startsWith('file:')))) {
    const pkg = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
    const name = pkg ?? (url.includes('/dist/server/') ? "Parley's own" : 'start script');
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${n}`);
  return { modules: `${total} modules (${parts.join(', ')})`, heapUsedMb: heap ? (JSON.parse(heap.slice(5)) as { heapUsed: number }).heapUsed / MB : NaN };
}
