import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { createChangeFeed, type Change, type ChangeFeed } from '../changes.ts';
import type { PgDatabase } from './database.ts';

export interface SharedChangeFeed extends ChangeFeed {
  /** Bumped for every change another process announced: caches forget what they hold. */
  externalVersion(): number;
  /** Resolves once this process listens. */
  readonly listening: Promise<void>;
  close(): Promise<void>;
}

/**
 * The change feed across processes. A change is announced here at once (so
 * this process's caches and live readers update before the write's answer)
 * and published with NOTIFY; every other Parley process on the database
 * LISTENs, and re-announces what others publish. A lost listening connection
 * is reopened, and caches forget everything meanwhile (a missed NOTIFY must
 * not leave a stale thread cached).
 */
export function createPgChangeFeed(db: PgDatabase, connectionString: string, options: { schema?: string } = {}): SharedChangeFeed {
  const local = createChangeFeed();
  const me = randomUUID();
  let version = 0;
  let closed = false;
  let listener: pg.Client | null = null;

  const connect = async (): Promise<void> => {
    await db.ready;
    const client = new pg.Client({ connectionString, ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}) });
    client.on('notification', (message) => {
      if (!message.payload) return;
      const { from, change } = JSON.parse(message.payload) as { from: string; change: Change };
      if (from === me) return;
      version++;
      local.emit({ ...change, remote: true });
    });
    client.on('error', () => {
      version++;
      listener = null;
      client.end().catch(() => {});
      if (!closed) setTimeout(() => void connect().catch(retry), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${db.channel}`);
    if (closed) {
      await client.end();
      return;
    }
    listener = client;
    version++;
  };
  const retry = (error: unknown) => {
    console.error('[parley] could not listen for changes from other servers; retrying:', (error as Error).message);
    if (!closed) setTimeout(() => void connect().catch(retry), 1000);
  };
  const listening = connect();
  listening.catch(retry);

  return {
    emit(change) {
      local.emit(change);
      // NOTIFY payloads are limited to 8000 bytes; a change is a few hundred at most.
      db.query('SELECT pg_notify($1, $2)', [db.channel, JSON.stringify({ from: me, change })]).catch((error: Error) => {
        console.error('[parley] could not tell other servers of a change:', error.message);
      });
    },
    subscribe: local.subscribe,
    externalVersion: () => version,
    listening: listening.catch(() => {}),
    async close() {
      closed = true;
      await listening.catch(() => {});
      await listener?.end().catch(() => {});
    },
  };
}
