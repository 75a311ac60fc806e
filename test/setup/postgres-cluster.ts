import type { TestProject } from 'vitest/node';
import { findPostgresBinaries, startThrowawayCluster } from '../helpers/postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the throwaway cluster (database `postgres`), or '' when none. */
    postgresUrl: string;
  }
}

/**
 * Starts a throwaway PostgreSQL cluster for the run so the store's contract tests and the
 * replica chaos run use the second engine. TEST_POSTGRES_URL uses a running server instead.
 * Without either, the Postgres tests are skipped with a notice, except when REQUIRE_POSTGRES=1
 * (CI): then the run fails here.
 */
export default function setup(project: TestProject): () => void {
  const given = process.env.TEST_POSTGRES_URL ?? '';
  if (given) {
    project.provide('postgresUrl', given);
    return () => {};
  }
  const bin = findPostgresBinaries();
  if (!bin) {
    if (process.env.REQUIRE_POSTGRES === '1') {
      throw new Error('REQUIRE_POSTGRES=1 but no PostgreSQL server binaries were found: apt-get install postgresql, or set PG_BIN or TEST_POSTGRES_URL.');
    }
    process.stderr.write('\n[postgres] no PostgreSQL binaries found: the Postgres half of the store contract tests is SKIPPED (apt-get install postgresql to run it)\n\n');
    project.provide('postgresUrl', '');
    return () => {};
  }
  const cluster = startThrowawayCluster(bin);
  project.provide('postgresUrl', cluster.url);
  return cluster.stop;
}
