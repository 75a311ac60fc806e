import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../../src/delivery/group-commit.js';

describe('group commit', () => {
  let db: Database.Database;
  let commits: number;
  const transaction = (run: () => void) => {
    db.transaction(run)();
    commits += 1;
  };
  const insert = (id: number) => () => void db.prepare('INSERT INTO t (id) VALUES (?)').run(id);
  const ids = () => db.prepare('SELECT id FROM t ORDER BY id').pluck().all();

  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    commits = 0;
  });
  afterEach(() => db.close());

  it('commits the writes of one turn of the event loop together', async () => {
    const commit = createGroupCommit(transaction);
    await Promise.all([commit(insert(1)), commit(insert(2)), commit(insert(3))]);
    expect(ids()).toEqual([1, 2, 3]);
    expect(commits).toBe(1);
    await commit(insert(4));
    expect(commits).toBe(2);
  });

  it('a write that fails fails alone: the rest of its group is committed', async () => {
    const commit = createGroupCommit(transaction);
    db.exec('INSERT INTO t (id) VALUES (2)');
    const results = await Promise.allSettled([commit(insert(1)), commit(insert(2)), commit(insert(3))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(ids()).toEqual([1, 2, 3]);
  });

  it('a failed group leaves nothing half-written', async () => {
    const commit = createGroupCommit(transaction);
    const both = () => {
      insert(5)();
      insert(5)();
    };
    await expect(commit(both)).rejects.toThrow(/UNIQUE/);
    expect(ids()).toEqual([]);
  });
});
