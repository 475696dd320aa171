// `npm install` (the `prepare` script): builds dist/ once, so that `npm start` only starts.
// Skipped when dist/ is fresh, and when the build tools are absent (`npm ci --omit=dev` after a build).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isBuilt, ROOT } from './built.mjs';

if (!isBuilt() && existsSync(join(ROOT, 'node_modules', 'vite')) && existsSync(join(ROOT, 'node_modules', 'tsx'))) {
  const build = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build.ts')], { cwd: ROOT, stdio: 'inherit' });
  process.exit(build.status ?? 1);
}
