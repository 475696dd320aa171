/** `npm run bench`: every benchmark in turn, each in its own process so none disturbs the next. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BENCHES = ['sizes.ts', 'wire.ts', 'locale-sizes.ts', 'render.ts', 'server.ts', 'import.ts', 'postgres.ts'];

let failed = false;
for (const file of BENCHES) {
  const path = join(import.meta.dirname, file);
  if (!existsSync(path)) continue;
  console.log(`\n=== bench/${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed = true;
    console.log(`bench/${file} failed (exit ${result.status})`);
  }
}
process.exit(failed ? 1 : 0);
