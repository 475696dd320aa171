import type { Db } from './open.ts';
import { isStorageFull } from './storage-faults.ts';

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  outcome?: { ok: true; value: unknown } | { ok: false; error: unknown };
}

const MAX_BATCH = 256;

/**
 * Group commit. Writes submitted in the same turn of the event loop share one
 * transaction: with many readers posting at once, a commit (and its WAL
 * frames) is paid once per batch instead of once per comment. Each job must be
 * a `db.transaction(...)` function, so inside the batch it runs as a savepoint:
 * a job that throws is rolled back alone and rejects alone, the others commit.
 * Every promise settles only after the commit, so an answered write is durable.
 */
export function createGroupCommit(db: Db) {
  const queue: Job[] = [];

  const commit = db.transaction((jobs: Job[]) => {
    for (const job of jobs) {
      try {
        job.outcome = { ok: true, value: job.work() };
      } catch (error) {
        job.outcome = { ok: false, error };
      }
    }
  });

  function flush(): void {
    const jobs = queue.splice(0, MAX_BATCH);
    if (queue.length) setImmediate(flush);
    try {
      commit(jobs);
    } catch (error) {
      // A full disk inside a job makes SQLite roll the whole transaction back, so the commit fails
      // ("no transaction is active"): every job of the batch is lost, for that reason.
      const full = jobs.map((job) => job.outcome).find((o) => o?.ok === false && isStorageFull(o.error));
      const cause = full?.ok === false ? full.error : error;
      for (const job of jobs) job.reject(cause);
      return;
    }
    for (const job of jobs) {
      const outcome = job.outcome!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    }
  }

  return function submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (queue.length === 1) setImmediate(flush);
    });
  };
}

export type GroupCommit = ReturnType<typeof createGroupCommit>;
