// `npm start` and the CLIs: `node scripts/run.mjs main` (or `cli/admin`, …) builds dist/ when the
// sources are newer (or it is missing), then runs the compiled server/NAME.ts from dist/server/
// under plain node. With dist/ in place and fresh this adds a few milliseconds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isBuilt, ROOT } from './built.mjs';

const [entry = 'main'] = process.argv.splice(2, 1);
const compiled = join(ROOT, 'dist', 'server', `${entry}.js`);

if (!isBuilt()) {
  if (existsSync(join(ROOT, 'node_modules', 'vite'))) {
    console.error(existsSync(compiled) ? '[parley] sources changed since the last build: building' : '[parley] building the widget and the server (once)');
    const build = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build.ts')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (build.status !== 0) process.exit(build.status ?? 1);
  } else if (existsSync(compiled)) {
    console.error('[parley] the sources are newer than dist/, and the build tools are not installed (npm ci --omit=dev): running the last build');
  } else {
    console.error('[parley] dist/ has not been built: run npm install (with dev dependencies) and npm run build');
    process.exit(1);
  }
}

await import(pathToFileURL(compiled).href);
