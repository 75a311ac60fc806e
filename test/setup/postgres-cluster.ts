import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the throwaway cluster (database `postgres`), or '' when none. */
    postgresUrl: string;
  }
}

/** PostgreSQL's server binaries: PG_BIN, else the Debian layout, else pg_config's answer. */
function findBinDir(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(debian, v, 'bin', 'initdb'))) return join(debian, v, 'bin');
  }
  const probe = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = probe.status === 0 ? probe.stdout.trim() : '';
  return dir && existsSync(join(dir, 'initdb')) ? dir : null;
}

/**
 * Starts a throwaway PostgreSQL cluster for the run (fsync off, 127.0.0.1 on a free port) so
 * the store's contract tests run on both engines. TEST_POSTGRES_URL uses a running server
 * instead. Without either, Postgres tests are skipped with a notice, except when
 * REQUIRE_POSTGRES=1 (CI): then the run fails here.
 */
export default function setup(project: TestProject): () => void {
  const given = process.env.TEST_POSTGRES_URL ?? '';
  if (given) {
    project.provide('postgresUrl', given);
    return () => {};
  }
  const bin = findBinDir();
  if (!bin) {
    if (process.env.REQUIRE_POSTGRES === '1') {
      throw new Error('REQUIRE_POSTGRES=1 but no PostgreSQL server binaries were found: apt-get install postgresql, or set PG_BIN or TEST_POSTGRES_URL.');
    }
    process.stderr.write('\n[postgres] no PostgreSQL binaries found: the Postgres half of the store contract tests is SKIPPED (apt-get install postgresql to run it)\n\n');
    project.provide('postgresUrl', '');
    return () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'cob-pg-'));
  const data = join(dir, 'data');
  // initdb and postgres refuse to run as root: run them as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe' });
  if (asRoot) {
    const ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'bot', '--no-sync', '-E', 'UTF8']);
  run(join(bin, 'pg_ctl'), [
    '-D', data, '-l', join(dir, 'log'), '-w', '-t', '30',
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  project.provide('postgresUrl', `postgres://bot@127.0.0.1:${port}/postgres`);
  return () => {
    try {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
