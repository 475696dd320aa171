/**
 * Vitest's global setup: the end-to-end tests run the compiled server (dist/server/, what
 * `npm start` runs), so it is compiled again here when server/ changed since the last build
 * (under a second). A missing dist/ is built whole; a stale widget is left as it is, as
 * `npm test` builds it first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, staleParts } from '../../scripts/built.mjs';

export default function setup() {
  const stale = staleParts();
  const whole = !existsSync(join(ROOT, 'dist', 'embed.js'));
  if (!whole && !stale.includes('server')) return;
  const args = ['--import', 'tsx', join(ROOT, 'scripts', 'build.ts'), ...(whole ? [] : ['--server'])];
  const build = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build for the tests failed');
}
