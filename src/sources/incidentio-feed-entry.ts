import type { IncidentStatus } from '../incidents/model.js';
import { htmlToText } from './html-text.js';
import { toIncidentStatus } from './statuspage-vocabulary.js';

/**
 * Reads an incident.io feed entry (e.g. status.openai.com/history.atom, `<generator>incident.io</generator>`).
 * Unlike Statuspage it holds the latest update only, with no time line:
 * `<b>Status: Resolved</b><br/><br/>text<br/><br/><b>Affected components</b><ul><li>Name (Operational)</li></ul>`;
 * the entry's `<updated>` is the update's time. See test/fixtures/openai-status-incidentio-history.head3.atom.
 */

/** The one update an incident.io entry holds. */
export interface IncidentioEntryUpdate {
  status: IncidentStatus;
  /** True for the maintenance words incident.io uses ("Maintenance in progress", ...). */
  maintenance: boolean;
  body: string;
  affectedComponents: string[];
}

const STATUS_LINE = /<(b|strong)\b[^>]*>\s*Status:\s*([^<]+?)\s*<\/\1>/i;
const AFFECTED = /<(b|strong)\b[^>]*>\s*Affected components\s*<\/\1>/i;

// incident.io's maintenance words, normalised the way toIncidentStatus does.
const MAINTENANCE_WORDS: Record<string, IncidentStatus> = {
  maintenance_scheduled: 'scheduled',
  scheduled_maintenance: 'scheduled',
  maintenance_in_progress: 'in_progress',
  under_maintenance: 'in_progress',
  maintenance_complete: 'completed',
  maintenance_completed: 'completed',
};

/** null when the entry has no `Status:` line (not an incident.io entry, or one we cannot read). */
export function parseIncidentioEntry(html: string): IncidentioEntryUpdate | null {
  const line = STATUS_LINE.exec(html);
  if (!line) return null;
  const word = (line[2] ?? '').trim().toLowerCase().replace(/[\s-]+/g, '_');
  const maintenanceStatus = MAINTENANCE_WORDS[word];
  const status = maintenanceStatus ?? toIncidentStatus(word);
  if (!status) return null;
  const rest = html.slice((line.index ?? 0) + line[0].length);
  const affected = AFFECTED.exec(rest);
  const bodyHtml = affected ? rest.slice(0, affected.index) : rest;
  const listHtml = affected ? rest.slice((affected.index ?? 0) + affected[0].length) : '';
  const affectedComponents = [...listHtml.matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/gi)]
    // "Conversations (Operational)": the name without the status it ended in.
    .map((m) => htmlToText(m[1] ?? '').replace(/\s*\([^)]*\)\s*$/, '').trim())
    .filter((name) => name !== '');
  return {
    status,
    maintenance: maintenanceStatus !== undefined || status === 'scheduled' || status === 'in_progress' || status === 'verifying' || status === 'completed',
    body: htmlToText(bodyHtml).trim(),
    affectedComponents,
  };
}
