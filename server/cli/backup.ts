import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { backupDatabase } from '../db/backup.ts';
import { UsageError, runCommand } from './run.ts';

const USAGE = 'usage: npm run backup -- FILE [--force]   (copies the database at DATABASE_PATH, safely while the server runs)';

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(USAGE);
  const [file, extra] = positionals;
  if (!file || extra) throw new UsageError(USAGE);
  if (existsSync(file) && !values.force) throw new UsageError(`${file} exists; pass --force to overwrite it`);
  const config = loadConfig();
  const started = performance.now();
  const facts = await backupDatabase(config.databasePath, file);
  console.log(
    `Backed up ${config.databasePath} to ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
      `${facts.threads.toLocaleString('en')} threads, ${facts.comments.toLocaleString('en')} comments, ${(facts.bytes / 1048576).toFixed(1)} MB, integrity ok`,
  );
}

runCommand('backup', main);
