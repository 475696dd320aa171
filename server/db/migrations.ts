import type Database from 'better-sqlite3';
import { core } from './migrations/001-core.ts';
import { accounts } from './migrations/002-accounts.ts';
import { moderation } from './migrations/003-moderation.ts';
import { importSchema } from './migrations/004-import.ts';
import { mail } from './migrations/005-mail.ts';
import { pendingEdits } from './migrations/006-pending-edits.ts';

export interface Migration {
  readonly name: string;
  up(db: Database.Database): void;
}

/**
 * The schema, as an ordered list. `PRAGMA user_version` counts the steps that
 * have run; each pending step commits together with its version bump, so a
 * fresh database replays every step and there is one way a schema is built.
 * Append only: never edit or reorder a step that has shipped.
 */
export const migrations: readonly Migration[] = [
  core,
  accounts,
  moderation,
  importSchema,
  mail,
  pendingEdits,
];

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database.Database, steps: readonly Migration[] = migrations): number {
  const current = schemaVersion(db);
  if (current > steps.length) {
    throw new Error(`[parley] the database is at schema version ${current}, newer than this Parley (${steps.length}); upgrade Parley`);
  }
  steps.slice(current).forEach((step, index) => {
    const version = current + index + 1;
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${version}`);
    })();
  });
  return schemaVersion(db);
}
