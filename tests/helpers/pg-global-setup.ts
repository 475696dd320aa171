import type { TestProject } from 'vitest/node';
import { startPgCluster, type PgCluster } from './pg-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the test run's PostgreSQL cluster. */
    pgUrl: string;
  }
}

let cluster: PgCluster | undefined;

/** One PostgreSQL cluster for the whole test run (the `postgres` project); each test file gets its own database in it. */
export async function setup(project: TestProject) {
  cluster = await startPgCluster();
  project.provide('pgUrl', cluster.url);
}

export function teardown() {
  cluster?.stop();
}
