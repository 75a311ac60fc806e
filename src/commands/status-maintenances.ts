import type { Incident } from '../incidents/model.js';
import { describeWindow } from '../incidents/maintenance.js';
import { formatUtc } from '../shared/clock.js';
import { cut, INCIDENT_WORDS } from './describe.js';
import type { ReplyBlock } from './reply.js';

/**
 * The "Maintenances" part of `/claude-status`: announced and running maintenances under
 * their own heading, never counted with the open incidents.
 */
export function describeMaintenances(maintenances: Incident[]): ReplyBlock[] {
  if (maintenances.length === 0) return [];
  const blocks: ReplyBlock[] = [{ type: 'text', text: '**Maintenances**' }];
  for (const maintenance of maintenances) {
    const window = describeWindow(maintenance);
    blocks.push({ type: 'text', text: `**${maintenance.name}** · ${INCIDENT_WORDS[maintenance.status]}${window ? ` · ${window}` : ` · since ${formatUtc(maintenance.createdAt)}`}` });
    const latest = maintenance.updates.at(-1);
    if (latest) blocks.push({ type: 'text', text: `${INCIDENT_WORDS[latest.status]} (${formatUtc(latest.at)}): ${cut(latest.body, 200)}` });
    if (maintenance.url) blocks.push({ type: 'links', links: [{ label: 'Maintenance page', url: maintenance.url }] });
  }
  return blocks;
}
