import { AppError } from '../shared/errors.js';
import type { Db } from './open-database.js';

/** One table's rows as copied. */
export interface CopiedTable {
  table: string;
  rows: number;
}

/** Tables that hold only this process's own runtime state: a new home starts its own. */
const NOT_COPIED = new Set(['schema_migrations', 'health_probe']);

/** Why a copy was refused before it wrote anything. */
export class CopyStoreError extends AppError {
  constructor(code: 'copy_target_not_empty' | 'copy_schema_differs', message: string) {
    super(code, message);
  }
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The source's tables, parents before children (a foreign key needs its row to exist first). */
function tablesInOrder(source: Db): string[] {
  const names = source
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const parents = new Map(names.map((name) => [name, (source.pragma(`foreign_key_list(${quote(name)})`) as { table: string }[]).map((fk) => fk.table)]));
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>): void => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) if (parent !== name) visit(parent, path);
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  return ordered.filter((name) => !NOT_COPIED.has(name));
}

const columnsOf = (source: Db, table: string): string[] => (source.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((c) => c.name);

/**
 * Copies every row of a SQLite store into an empty Postgres store, both migrated to the same
 * version, in one Postgres transaction (all or nothing), from one SQLite read transaction
 * (a consistent snapshot). Ids are kept, so cards, outbox rows and their lanes still point
 * at each other, and each identity sequence then starts after the highest id. Refuses a
 * target that holds any row, or whose columns differ, before writing anything.
 */
export function copyStore(source: Db, target: Db): CopiedTable[] {
  const tables = tablesInOrder(source);
  const targetColumns = target.prepare('SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?').pluck();
  for (const table of tables) {
    const wanted = columnsOf(source, table);
    const present = new Set(targetColumns.all(table) as string[]);
    const missing = wanted.filter((c) => !present.has(c));
    if (missing.length > 0) {
      throw new CopyStoreError('copy_schema_differs', `The Postgres database lacks ${table}.${missing.join(`, ${table}.`)}: run this release against both databases (its migrations bring them to the same version), then copy again.`);
    }
  }
  const filled = tables
    .map((table) => ({ table, rows: Number(target.prepare(`SELECT COUNT(*) FROM ${quote(table)}`).pluck().get()) }))
    .filter((t) => t.rows > 0);
  if (filled.length > 0) {
    throw new CopyStoreError(
      'copy_target_not_empty',
      `The Postgres database already holds data (${filled.map((t) => `${t.table}: ${t.rows}`).join(', ')}), so nothing was copied. Copy into a new, empty database, before any replica starts on it.`,
    );
  }

  source.exec('BEGIN');
  try {
    return target.transaction(() =>
      tables.map((table) => {
        const columns = columnsOf(source, table);
        const insert = target.prepare(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        let rows = 0;
        for (const row of source.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}`).raw().iterate() as Iterable<unknown[]>) {
          insert.run(...row);
          rows += 1;
        }
        restartIdentity(target, table);
        return { table, rows };
      }),
    )();
  } finally {
    source.exec('COMMIT');
  }
}

/** An identity column's next value after a copy that set ids by hand: one past the highest. */
function restartIdentity(target: Db, table: string): void {
  const identity = target
    .prepare("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND is_identity = 'YES'")
    .pluck()
    .all(table) as string[];
  for (const column of identity) {
    target
      .prepare(`SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX(${quote(column)}) FROM ${quote(table)}), 0) + 1, false)`)
      .get(table, column);
  }
}
