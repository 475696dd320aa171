// Whether dist/ is up to date with the sources, for `npm start`, the CLIs and the
// tests: plain JavaScript, so the production path needs neither tsx nor vite.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

/** What each part of the build reads: editing any of these (tests aside) makes that part stale. */
const PARTS = {
  widget: ['widget', 'admin', 'vite.config.ts', 'vite.admin.config.ts', 'scripts', 'package.json'],
  server: ['server', 'scripts', 'package.json'],
};

/** Written by the build when a part is done: its time is the part's build time. */
export const stampOf = (part) => join(ROOT, 'dist', `.built-${part}`);

function newestIn(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestIn(join(path, entry.name)));
  }
  return newest;
}

/** The parts of dist/ ('widget', 'server') built before the last change to their sources, or never. */
export function staleParts() {
  return Object.entries(PARTS)
    .filter(([part, sources]) => {
      const built = statSync(stampOf(part), { throwIfNoEntry: false })?.mtimeMs ?? 0;
      return sources.some((source) => newestIn(join(ROOT, source)) > built);
    })
    .map(([part]) => part);
}

/** True when every part of dist/ is fresh. */
export const isBuilt = () => staleParts().length === 0;
