import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { restoreDatabase } from '../db/backup.ts';
import { UsageError, runCommand } from './run.ts';

const USAGE = 'usage: npm run restore -- FILE [--force]   (replaces the database at DATABASE_PATH with the backup FILE)';

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(USAGE);
  const [file, extra] = positionals;
  if (!file || extra) throw new UsageError(USAGE);
  const config = loadConfig();
  const facts = await restoreDatabase(file, config.databasePath, { force: values.force ?? false });
  console.log(`Restored ${file} into ${config.databasePath}: ${facts.threads.toLocaleString('en')} threads, ${facts.comments.toLocaleString('en')} comments`);
}

runCommand('restore', main);
