/**
 * `npm run admin -- create EMAIL [--name NAME] | list | reset-password EMAIL`
 * Manages moderator accounts in the database named by DATABASE_PATH.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { createRepos } from '../db/repos.ts';
import { readPassword } from './read-password.ts';
import { CliError, createModerator, listModerators, resetPassword, type CliIo } from './admin-commands.ts';

const USAGE = `Usage:
  npm run admin -- create EMAIL [--name NAME]   add a moderator (asks for a password, or reads the first line of stdin)
  npm run admin -- list                         list moderators
  npm run admin -- reset-password EMAIL         set a new password and end their sessions`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string', default: '' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, address] = positionals;
  if (values.help || !command || !['create', 'list', 'reset-password'].includes(command)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  try {
    const io: CliIo = {
      repos: createRepos(db),
      now: Date.now,
      readPassword: () => readPassword(process.stdin, process.stderr),
      print: (line) => console.log(line),
    };
    if (command === 'create') await createModerator(io, address, values.name);
    else if (command === 'list') await listModerators(io);
    else await resetPassword(io, address);
    return 0;
  } finally {
    db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliError || error instanceof ConfigError) console.error(`[parley] ${error.message}`);
    else if (error instanceof Error && error.message === 'cancelled') console.error('[parley] cancelled');
    else if (error instanceof Error && /passwords differ/.test(error.message)) console.error(`[parley] ${error.message}; nothing was changed`);
    else console.error('[parley] admin command failed:', error);
    process.exit(1);
  },
);
