import type { Db } from './open.ts';
import type { MembersRepo } from './members-repo.ts';

export interface ModeratorRow {
  id: number;
  email: string;
  name: string;
  password_hash: string;
  created_at: number;
  updated_at: number;
  last_sign_in: number | null;
}

export type Moderator = Pick<ModeratorRow, 'id' | 'email' | 'name'>;

/** Moderator accounts and their admin sessions (stored by the hash of the cookie's token); a moderator's name is held on every site. */
export function createModeratorsRepo(db: Db, members: Pick<MembersRepo, 'hold'>) {
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
    members.hold('*', moderator.name);
    return moderator;
  });

  const startSession = db.transaction((moderatorId: number, tokenHash: string, now: number, expiresAt: number) => {
    dropExpired.run(now);
    addSession.run(tokenHash, moderatorId, now, expiresAt);
    signedIn.run(now, moderatorId);
  });

  return {
    async findByEmail(email: string): Promise<ModeratorRow | undefined> {
      return byEmail.get(email.trim());
    },

    async findById(id: number): Promise<Moderator | undefined> {
      return byId.get(id);
    },

    async list(): Promise<ModeratorRow[]> {
      return all.all();
    },

    /** Adds a moderator; throws a SqliteError with code SQLITE_CONSTRAINT_UNIQUE when the email is taken. */
    async create(input: { email: string; name: string; passwordHash: string; now: number }): Promise<ModeratorRow> {
      return create(input);
    },

    /** Sets a new password and signs the moderator out everywhere. */
    async resetPassword(id: number, passwordHash: string, now: number): Promise<void> {
      resetPassword(id, passwordHash, now);
    },

    async startSession(moderatorId: number, tokenHash: string, now: number, expiresAt: number): Promise<void> {
      startSession(moderatorId, tokenHash, now, expiresAt);
    },

    async sessionModerator(tokenHash: string, now: number): Promise<Moderator | undefined> {
      return session.get(tokenHash, now);
    },

    async endSession(tokenHash: string): Promise<void> {
      dropSession.run(tokenHash);
    },
  };
}

export type ModeratorsRepo = ReturnType<typeof createModeratorsRepo>;
