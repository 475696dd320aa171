import { parentPort } from 'node:worker_threads';
import type { Render } from './records.ts';
import { renderBody } from './render.ts';

/** A render thread (see renderer.ts): batches of bodies in, stored HTML out, in order. */
parentPort?.on('message', ({ id, items }: { id: number; items: Render[] }) => {
  try {
    parentPort!.postMessage({ id, html: items.map(renderBody) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
