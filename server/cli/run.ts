import { ConfigError, loadConfig, type Config } from '../config.ts';
import { openDatabase, type Db } from '../db/open.ts';
import { createRepos } from '../db/repos.ts';
import type { Repos } from '../db/types.ts';
import { ImportFileError } from '../migrate/xml-reader.ts';
import { BackupError } from '../db/backup.ts';

/** A command line used wrongly: the message says how to use it. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Ctrl-C during an import: the run is taken back before the command exits. */
export class ImportInterrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'ImportInterrupted';
  }
}

export interface CliContext {
  config: Config;
  db: Db;
  repos: Repos;
  /** The server's secret (SECRET, or the one kept in the database), as the server itself finds it. */
  secret(): Promise<string>;
  close(): void;
}

/** Opens the database named by DATABASE_PATH, as the server does (migrating it if needed). */
export function openContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  const config = loadConfig(env);
  const db = openDatabase(config.databasePath);
  const repos = createRepos(db);
  return {
    config,
    db,
    repos,
    secret: async () => config.secret || (await repos.sites.secret()),
    close: () => db.close(),
  };
}

/**
 * Runs a command's main function: expected failures are printed as one line
 * on standard error (exit code 1; 2 for a misused command line), anything else
 * with its stack.
 */
export function runCommand(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`[parley] ${error.message}`);
      process.exitCode = 2;
    } else if (error instanceof ImportInterrupted) {
      console.error(`[parley] ${name} interrupted: nothing of it was kept.`);
      process.exitCode = 130;
    } else if (error instanceof ImportFileError) {
      console.error(`[parley] ${name} refused: ${error.message}. Nothing was imported.`);
      process.exitCode = 1;
    } else if (error instanceof ConfigError || error instanceof BackupError) {
      console.error(`[parley] ${name} failed: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.error(`[parley] ${name} failed:`, error);
      process.exitCode = 1;
    }
  });
}

export const SITE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function siteOption(value: string | undefined): string | undefined {
  if (value !== undefined && !SITE_ID.test(value)) throw new UsageError(`--site must be letters, digits, dot, dash or underscore (at most 64), got "${value}"`);
  return value;
}

/** Peak memory and time, printed by `--stats` (the import benchmark reads this line). */
export function statsLine(seconds: number): string {
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  return `stats: ${JSON.stringify({ seconds: Number(seconds.toFixed(3)), cpuSeconds: Number(cpuSeconds.toFixed(3)), maxRssMb: Number((usage.maxRSS / 1024).toFixed(1)) })}`;
}
