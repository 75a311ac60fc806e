import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../src/incidents/channel-policy.js';
import { checkPostgres } from '../../../src/main/check-postgres.js';
import { copyStore } from '../../../src/store/copy-store.js';
import { countUncopiedSubscriptions } from '../../../src/store/find-uncopied-sqlite.js';
import { migrate } from '../../../src/store/migrate.js';
import type { Db } from '../../../src/store/open-database.js';
import { openPostgres } from '../../../src/store/postgres/open-postgres.js';
import { createTempPostgresDatabase, createTempStore } from '../../helpers/temp-store.js';

/** copyStore on real SQLite and Postgres: what it carries over, and what it refuses before writing. */
const hasPostgres = inject('postgresUrl') !== '';
const AT = '2026-12-03T10:00:00.000Z';
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function setUp() {
  const sqlite = createTempStore('sqlite');
  const database = createTempPostgresDatabase();
  const target = openPostgres(database.url) as unknown as Db;
  migrate(target);
  cleanups.push(sqlite.cleanup, database.drop, () => target.close());
  const sub = sqlite.store.subscriptions.upsert('slack', 'C1', { components: ['API'], minImpact: 'major', earlyWarnings: false, workspaceId: 'T1' }, AT);
  sqlite.store.policies.save(sub.id, { ...DEFAULT_POLICY, remindMinutes: 30, quiet: { start: '22:00', end: '07:00' }, timeZone: 'Europe/Paris' }, AT);
  sqlite.store.slackInstallations.save({ teamId: 'T1', enterpriseId: null, teamName: 'Alpha', installation: '{"team":{"id":"T1"}}' }, AT);
  return { sqlite, target, url: database.url, subId: sub.id };
}

describe.runIf(hasPostgres)('copyStore (SQLite → Postgres)', () => {
  it('carries subscriptions, their policy and Slack installations over with their ids', () => {
    const { sqlite, target, subId } = setUp();
    const copied = copyStore(sqlite.db, target);
    const rows = Object.fromEntries(copied.map((t) => [t.table, t.rows]));
    expect(rows).toMatchObject({ subscriptions: 1, channel_policy: 1, slack_installations: 1, incidents: 0 });
    expect(rows).not.toHaveProperty('schema_migrations');
    // Parents before children: a policy row needs its subscription.
    expect(copied.findIndex((t) => t.table === 'subscriptions')).toBeLessThan(copied.findIndex((t) => t.table === 'channel_policy'));
    const row = target.prepare('SELECT id, components, min_impact, workspace_id FROM subscriptions').get() as Record<string, unknown>;
    expect(row).toEqual({ id: subId, components: '["API"]', min_impact: 'major', workspace_id: 'T1' });
    expect(target.prepare('SELECT remind_minutes, time_zone FROM channel_policy WHERE subscription_id = ?').get(subId)).toEqual({ remind_minutes: 30, time_zone: 'Europe/Paris' });
    expect(target.prepare('SELECT team_name FROM slack_installations').pluck().get()).toBe('Alpha');
  });

  it('refuses a target whose columns differ, naming the column, and writes nothing', () => {
    const { sqlite, target } = setUp();
    target.exec('ALTER TABLE cards DROP COLUMN flaps');
    expect(() => copyStore(sqlite.db, target)).toThrow(/lacks cards\.flaps: run this release against both databases/);
    expect(Number(target.prepare('SELECT COUNT(*) FROM subscriptions').pluck().get())).toBe(0);
  });

  it('rolls the whole copy back when one row is refused: the target stays empty', () => {
    const { sqlite, target } = setUp();
    // A constraint only the target has refuses the Slack installation, copied after the subscription.
    target.exec("ALTER TABLE slack_installations ADD CONSTRAINT no_alpha CHECK (team_name <> 'Alpha')");
    expect(() => copyStore(sqlite.db, target)).toThrow(/no_alpha/);
    expect(Number(target.prepare('SELECT COUNT(*) FROM subscriptions').pluck().get())).toBe(0);
  });

  it('finds the subscribed channels a move to Postgres would leave in the SQLite file, and doctor says so', () => {
    const { sqlite, target, url } = setUp();
    expect(countUncopiedSubscriptions(sqlite.path, target)).toBe(1);
    expect(checkPostgres(url, { sqlitePath: sqlite.path })).toMatchObject({ status: 'warn', detail: expect.stringContaining('holds 1: on Postgres those channels get no alerts'), fix: expect.stringContaining('copy-store') });
    expect(countUncopiedSubscriptions(join(sqlite.dir, 'none.db'), target)).toBeNull();
    const notADatabase = join(sqlite.dir, 'notes.txt');
    writeFileSync(notADatabase, 'not sqlite');
    expect(countUncopiedSubscriptions(notADatabase, target)).toBeNull();
    // Once copied (Postgres has the channels), nothing is left behind.
    copyStore(sqlite.db, target);
    expect(countUncopiedSubscriptions(sqlite.path, target)).toBeNull();
    expect(checkPostgres(url, { sqlitePath: sqlite.path }).status).toBe('ok');
  });
});
