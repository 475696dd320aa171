import { z } from 'zod';
import type { Repos } from '../db/types.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';

export interface CliIo {
  repos: Repos;
  now: () => number;
  readPassword: () => Promise<string>;
  print: (line: string) => void;
}

export class CliError extends Error {}

const email = z.email();

function checkEmail(value: string | undefined): string {
  const trimmed = (value ?? '').trim().toLowerCase();
  if (!email.safeParse(trimmed).success) throw new CliError(`"${value ?? ''}" is not an email address`);
  return trimmed;
}

async function newPasswordHash(io: CliIo): Promise<string> {
  const password = await io.readPassword();
  const problem = passwordProblem(password);
  if (problem) throw new CliError(`the password ${problem}`);
  return hashPassword(password);
}

/** `create EMAIL [--name NAME]`: a new moderator; the password comes from the prompt or standard input. */
export async function createModerator(io: CliIo, address: string | undefined, name: string): Promise<void> {
  const mail = checkEmail(address);
  if (await io.repos.moderators.findByEmail(mail)) throw new CliError(`a moderator with the email ${mail} already exists; use reset-password`);
  const passwordHash = await newPasswordHash(io);
  await io.repos.moderators.create({ email: mail, name: name.trim().slice(0, 100), passwordHash, now: io.now() });
  io.print(`Created moderator ${mail}. Sign in at /admin.`);
}

/** `list`: every moderator, with when they last signed in. */
export async function listModerators(io: CliIo): Promise<void> {
  const rows = await io.repos.moderators.list();
  if (!rows.length) return io.print('No moderators yet; add one with: npm run admin -- create EMAIL');
  for (const row of rows) {
    const last = row.lastSignIn === null ? 'never signed in' : `last signed in ${new Date(row.lastSignIn).toISOString()}`;
    io.print(`${row.email}\t${row.name || '-'}\tcreated ${new Date(row.createdAt).toISOString()}\t${last}`);
  }
}

/** `reset-password EMAIL`: a new password, and every session of that moderator ends. */
export async function resetPassword(io: CliIo, address: string | undefined): Promise<void> {
  const mail = checkEmail(address);
  const moderator = await io.repos.moderators.findByEmail(mail);
  if (!moderator) throw new CliError(`there is no moderator with the email ${mail}`);
  await io.repos.moderators.resetPassword(moderator.id, await newPasswordHash(io), io.now());
  io.print(`Set a new password for ${mail}; their sessions have ended.`);
}
