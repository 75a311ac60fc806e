import { z } from 'zod';
import type { ComponentStatus, Incident } from '../incidents/model.js';
import { SourceError } from './source-error.js';
import { parseIncidentsJson } from './statuspage-json.js';
import { toComponentStatus } from './statuspage-vocabulary.js';

/**
 * What one Statuspage subscriber webhook says, before page scoping: an incident (the
 * whole incident, every update) or one component's new status.
 * @see https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/
 */
export type StatuspageWebhook =
  | { kind: 'incident'; incident: Incident }
  | { kind: 'component'; component: { id: string; name: string; status: ComponentStatus; position: number | null }; at: string };

const envelope = z.object({
  incident: z.unknown().optional(),
  component: z.object({ id: z.string().min(1), name: z.string(), status: z.string().nullish(), position: z.number().nullish() }).optional(),
  component_update: z.object({ new_status: z.string().nullish(), created_at: z.string().nullish() }).optional(),
});

/**
 * Parses a webhook body. The incident goes through the same parser as incidents.json
 * (wrapped as a one-incident document), so its key and every update key are exactly what
 * the next poll mints: a webhook and the poll of the same update are one event.
 * @throws SourceError `unparsable` for anything else (the caller answers 400).
 */
export function parseStatuspageWebhook(body: string, baseUrl: string): StatuspageWebhook {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new SourceError('unparsable', `webhook: invalid JSON (${(error as Error).message})`, { url: 'webhook', cause: error });
  }
  const shape = envelope.safeParse(json);
  if (!shape.success) throw new SourceError('unparsable', `webhook: not a Statuspage webhook (${shape.error.issues[0]?.message ?? 'wrong shape'})`, { url: 'webhook' });
  const { incident, component, component_update: update } = shape.data;
  if (incident !== undefined) {
    // No page.url here (webhooks carry only the page id): incident links use the configured URL.
    const [parsed] = parseIncidentsJson(JSON.stringify({ incidents: [incident] }), { url: 'webhook', baseUrl });
    if (!parsed) throw new SourceError('unparsable', 'webhook: the incident has no id or no readable date', { url: 'webhook' });
    return { kind: 'incident', incident: parsed };
  }
  if (component !== undefined) {
    const status = toComponentStatus(update?.new_status ?? component.status ?? '');
    const at = Date.parse(update?.created_at ?? '');
    return {
      kind: 'component',
      component: { id: component.id, name: component.name, status, position: component.position ?? null },
      at: Number.isNaN(at) ? '' : new Date(at).toISOString(),
    };
  }
  throw new SourceError('unparsable', 'webhook: neither "incident" nor "component" in the body', { url: 'webhook' });
}
