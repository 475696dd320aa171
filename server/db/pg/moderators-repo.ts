import type { ModeratorRow } from '../rows.ts';
import type { Moderator, ModeratorsRepo } from '../types.ts';
import { maybe, toModeratorAccount } from '../map.ts';
import type { PgDatabase, Queryable } from './database.ts';

/**
 * Moderator accounts and their admin sessions; emails compare without case, as SQLite's COLLATE NOCASE does.
 * A moderator's name is held on every site (`hold`, server/db/pg/members-repo.ts).
 */
export function createPgModeratorsRepo(db: PgDatabase, hold: (tx: Queryable, siteId: string, name: string) => Promise<boolean>): ModeratorsRepo {
  return {
    async findByEmail(email) {
      return maybe(toModeratorAccount)(await db.one<ModeratorRow>('SELECT * FROM moderators WHERE lower(email) = lower($1)', [email.trim()]));
    },
    async findById(id) {
      return db.one<Moderator>('SELECT id, email, name FROM moderators WHERE id = $1', [id]);
    },
    async list() {
      return (await db.rows<ModeratorRow>('SELECT * FROM moderators ORDER BY lower(email)')).map(toModeratorAccount);
    },
    async create(input) {
      const row = await db.transaction(async (tx) => {
        const { rows } = await tx.query<ModeratorRow>(
          `INSERT INTO moderators (email, name, password_hash, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $4) RETURNING *`,
          [input.email.trim(), input.name, input.passwordHash, input.now],
        );
        await hold(tx, '*', rows[0]!.name);
        return rows[0]!;
      });
      return toModeratorAccount(row);
    },
    async resetPassword(id, passwordHash, now) {
      await db.transaction(async (tx) => {
        await tx.query('UPDATE moderators SET password_hash = $2, updated_at = $3 WHERE id = $1', [id, passwordHash, now]);
        await tx.query('DELETE FROM admin_sessions WHERE moderator_id = $1', [id]);
      });
    },
    async startSession(moderatorId, tokenHash, now, expiresAt) {
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM admin_sessions WHERE expires_at <= $1', [now]);
        await tx.query('INSERT INTO admin_sessions (token_hash, moderator_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
          tokenHash,
          moderatorId,
          now,
          expiresAt,
        ]);
        await tx.query('UPDATE moderators SET last_sign_in = $1 WHERE id = $2', [now, moderatorId]);
      });
    },
    async sessionModerator(tokenHash, now) {
      return db.one<Moderator>(
        `SELECT m.id, m.email, m.name FROM admin_sessions s
        JOIN moderators m ON m.id = s.moderator_id WHERE s.token_hash = $1 AND s.expires_at > $2`,
        [tokenHash, now],
      );
    },
    async endSession(tokenHash) {
      await db.query('DELETE FROM admin_sessions WHERE token_hash = $1', [tokenHash]);
    },
  };
}
