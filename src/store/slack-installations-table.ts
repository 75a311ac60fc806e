import type { Db } from './open-database.js';

/** One workspace that installed the bot through "Add to Slack". */
export interface StoredInstallation {
  teamId: string;
  enterpriseId: string | null;
  teamName: string | null;
  /** The Slack library's Installation object as JSON (tokens included): the store does not look inside. */
  installation: string;
  installedAt: string;
  updatedAt: string;
}

/** Slack installations, one row per workspace (a reinstall replaces the row, keeping installedAt). */
export interface SlackInstallationsTable {
  save(row: Omit<StoredInstallation, 'installedAt' | 'updatedAt'>, at: string): void;
  get(teamId: string): StoredInstallation | null;
  remove(teamId: string): boolean;
  list(): StoredInstallation[];
  count(): number;
}

interface Row {
  team_id: string;
  enterprise_id: string | null;
  team_name: string | null;
  installation: string;
  installed_at: string;
  updated_at: string;
}

const toInstallation = (r: Row): StoredInstallation => ({
  teamId: r.team_id,
  enterpriseId: r.enterprise_id,
  teamName: r.team_name,
  installation: r.installation,
  installedAt: r.installed_at,
  updatedAt: r.updated_at,
});

/** Portable SQL (positional parameters, ON CONFLICT upsert, ISO text times) so a second engine can run it as is. */
export function createSlackInstallationsTable(db: Db): SlackInstallationsTable {
  const upsert = db.prepare(`INSERT INTO slack_installations (team_id, enterprise_id, team_name, installation, installed_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (team_id) DO UPDATE SET enterprise_id = excluded.enterprise_id, team_name = excluded.team_name,
      installation = excluded.installation, updated_at = excluded.updated_at`);
  const byTeam = db.prepare<[string], Row>('SELECT * FROM slack_installations WHERE team_id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM slack_installations ORDER BY team_id');
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM slack_installations');
  const deleteRow = db.prepare('DELETE FROM slack_installations WHERE team_id = ?');
  return {
    save: (row, at) => void upsert.run(row.teamId, row.enterpriseId, row.teamName, row.installation, at, at),
    get: (teamId) => {
      const row = byTeam.get(teamId);
      return row ? toInstallation(row) : null;
    },
    remove: (teamId) => deleteRow.run(teamId).changes > 0,
    list: () => all.all().map(toInstallation),
    count: () => countAll.get()?.n ?? 0,
  };
}
