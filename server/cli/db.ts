import { parseArgs } from 'node:util';
import { copyDatabase, CopyError } from '../db/copy.ts';
import { UsageError, runCommand } from './run.ts';
import { bar, createProgressLine } from './progress.ts';

const USAGE = `usage: npm run db -- copy --from SOURCE --to TARGET [--force]
  SOURCE and TARGET are an SQLite file (./data/parley.db) or a postgres:// URL.
  Stop the servers first; a TARGET that holds anything is refused unless --force (which replaces it).`;

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) return console.log(USAGE);
  const [command, extra] = positionals;
  if (command !== 'copy' || extra) throw new UsageError(USAGE);
  if (!values.from) throw new UsageError(`--from is missing\n${USAGE}`);
  if (!values.to) throw new UsageError(`--to is missing\n${USAGE}`);
  const progress = createProgressLine();
  const started = performance.now();
  try {
    const report = await copyDatabase(values.from, values.to, {
      force: values.force ?? false,
      onProgress: (table, done, total) => progress.update(() => `${table.padEnd(20)} ${bar(total ? done / total : 1)} ${done}/${total}`),
    });
    progress.done();
    for (const { table, source, target } of report.tables) {
      console.log(`${table.padEnd(20)} ${String(source).padStart(9)} → ${String(target).padStart(9)}${source === target ? '' : '  MISMATCH'}`);
    }
    const mismatched = report.tables.filter((t) => t.source !== t.target);
    if (mismatched.length) throw new CopyError(`the counts differ for ${mismatched.map((t) => t.table).join(', ')}`);
    console.log(
      `Copied ${report.tables.reduce((n, t) => n + t.source, 0)} rows in ${((performance.now() - started) / 1000).toFixed(1)} s; every count matches.`,
    );
  } finally {
    progress.done();
  }
}

runCommand('db', main);
