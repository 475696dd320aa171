import type { Db } from './open.ts';
import type { ModeratorRow } from './rows.ts';
import type { Moderator, ModeratorsRepo } from './types.ts';
import { maybe, toModeratorAccount } from './map.ts';

/** Moderator accounts and their admin sessions (stored by the hash of the cookie's token); a moderator's name is held on every site. */
export function createModeratorsRepo(db: Db, hold: (siteId: string, name: string) => void): ModeratorsRepo {
  const byEmail = db.prepare<[string], ModeratorRow>('SELECT * FROM moderators WHERE email = ?');
  const byId = db.prepare<[number], Moderator>('SELECT id, email, name FROM moderators WHERE id = ?');
  const all = db.prepare<[], ModeratorRow>('SELECT * FROM moderators ORDER BY email');
  const insert = db.prepare<Record<string, unknown>, ModeratorRow>(`INSERT INTO moderators (email, name, password_hash, created_at, updated_at)
    VALUES (@email, @name, @hash, @now, @now) RETURNING *`);
  const setPassword = db.prepare('UPDATE moderators SET password_hash = @hash, updated_at = @now WHERE id = @id');
  const signedIn = db.prepare('UPDATE moderators SET last_sign_in = ? WHERE id = ?');
  const addSession = db.prepare('INSERT INTO admin_sessions (token_hash, moderator_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const session = db.prepare<[string, number], Moderator>(`SELECT m.id, m.email, m.name FROM admin_sessions s
    JOIN moderators m ON m.id = s.moderator_id WHERE s.token_hash = ? AND s.expires_at > ?`);
  const dropSession = db.prepare('DELETE FROM admin_sessions WHERE token_hash = ?');
  const dropSessionsOf = db.prepare('DELETE FROM admin_sessions WHERE moderator_id = ?');
  const dropExpired = db.prepare('DELETE FROM admin_sessions WHERE expires_at <= ?');

  const resetPassword = db.transaction((id: number, hash: string, now: number) => {
    setPassword.run({ id, hash, now });
    dropSessionsOf.run(id);
  });

  const create = db.transaction((input: { email: string; name: string; passwordHash: string; now: number }) => {
    const moderator = insert.get({ email: input.email.trim(), name: input.name, hash: input.passwordHash, now: input.now })!;
    hold('*', moderator.name);
    return moderator;
  });

  const startSession = db.transaction((moderatorId: number, tokenHash: string, now: number, expiresAt: number) => {
    dropExpired.run(now);
    addSession.run(tokenHash, moderatorId, now, expiresAt);
    signedIn.run(now, moderatorId);
  });

  return {
    async findByEmail(email) {
      return maybe(toModeratorAccount)(byEmail.get(email.trim()));
    },

    async findById(id) {
      return byId.get(id);
    },

    async list() {
      return all.all().map(toModeratorAccount);
    },

    /** Adds a moderator; throws when the email is taken (the UNIQUE constraint). */
    async create(input) {
      return toModeratorAccount(create(input));
    },

    /** Sets a new password and signs the moderator out everywhere. */
    async resetPassword(id, passwordHash, now) {
      resetPassword(id, passwordHash, now);
    },

    async startSession(moderatorId, tokenHash, now, expiresAt) {
      startSession(moderatorId, tokenHash, now, expiresAt);
    },

    async sessionModerator(tokenHash, now) {
      return session.get(tokenHash, now);
    },

    async endSession(tokenHash) {
      dropSession.run(tokenHash);
    },
  };
}
