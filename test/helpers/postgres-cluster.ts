import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres } from '../../src/store/postgres/open-postgres.js';

/** PostgreSQL's server binaries: PG_BIN, else the Debian layout, else pg_config's answer; null when none. */
export function findPostgresBinaries(): string | null {
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
 * A throwaway PostgreSQL cluster in a temp folder (fsync off, 127.0.0.1 on a free port, trust
 * auth for user `bot`). initdb and postgres refuse to run as root: as root they run as the
 * `postgres` user the Debian package creates.
 * @returns the superuser URL (database `postgres`) and a stop function that removes it all.
 */
export function startThrowawayCluster(bin: string): { url: string; stop: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cob-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe' });
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'bot', '--no-sync', '-E', 'UTF8']);
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', '-o', settings, 'start']);
  return {
    url: `postgres://bot@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A fresh, empty database `name` on the cluster at `adminUrl` (dropped first if it exists).
 * @returns its URL and a drop function.
 */
export function createDatabaseOn(adminUrl: string, name: string): { url: string; drop: () => void } {
  const run = (sql: string): void => {
    const admin = openPostgres(adminUrl);
    try {
      admin.exec(sql);
    } finally {
      admin.close();
    }
  };
  run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  run(`CREATE DATABASE ${name}`);
  return { url: adminUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
