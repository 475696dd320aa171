import { Worker } from 'node:worker_threads';
import type { Render } from './records.ts';

/**
 * Renders imported bodies (auto-paragraphs and the allow-list, the costliest
 * step of an import) either in line or on worker threads, so that on a
 * machine with cores to spare the file is read and written while the previous
 * batch is rendered.
 */
export interface Renderer {
  render(items: readonly Render[]): Promise<string[]>;
  close(): Promise<void>;
}

type Reply = { id: number; html: string[] } | { id: number; error: string };

export async function createRenderer(options: { threads: number }): Promise<Renderer> {
  if (options.threads <= 0) {
    const { renderBody } = await import('./render.ts');
    return { render: async (items) => items.map(renderBody), close: async () => {} };
  }
  // From the sources (tsx), a boot file registers tsx in the thread; compiled (dist/server/), the worker runs as it is.
  const compiled = import.meta.url.endsWith('.js');
  const boot = new URL(compiled ? './render-worker.js' : './worker-boot.mjs', import.meta.url);
  const workerData = { entry: new URL('./render-worker.ts', import.meta.url).href };
  // A render thread holds two batches at most: a small heap keeps the import's memory bounded.
  const resourceLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };
  const workers = Array.from({ length: options.threads }, () => new Worker(boot, { resourceLimits, workerData }));
  const pending = new Map<number, { resolve: (html: string[]) => void; reject: (error: Error) => void }>();
  let next = 0;
  for (const worker of workers) {
    worker.on('message', (reply: Reply) => {
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      if ('error' in reply) waiter?.reject(new Error(`rendering failed: ${reply.error}`));
      else waiter?.resolve(reply.html);
    });
    worker.on('error', (error) => {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  }
  return {
    render(items) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ id, items });
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
