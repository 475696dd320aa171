import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project's folder (package.json, dist/, demo.html), found upward from this
 * file: the same from the TypeScript sources (server/) and from the compiled
 * server the build writes to dist/server/.
 */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'demo.html'))) return dir;
    if (dirname(dir) === dir) throw new Error(`[parley] no project folder above ${from}`);
  }
}

export const ROOT = projectRoot(import.meta.dirname);
export const DIST = join(ROOT, 'dist');
