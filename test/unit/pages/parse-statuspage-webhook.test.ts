import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatuspageWebhook } from '../../../src/sources/parse-statuspage-webhook.js';
import { parseIncidentsJson } from '../../../src/sources/statuspage-json.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const BASE = 'https://status.example.com';

describe('parseStatuspageWebhook', () => {
  it('reads the real incident webhook with exactly the keys incidents.json gives the same incident', () => {
    const body = fixture('statuspage-webhook-incident_created.zulip.json');
    const parsed = parseStatuspageWebhook(body, BASE);
    const wire = (JSON.parse(body) as { incident: unknown }).incident;
    const [polled] = parseIncidentsJson(JSON.stringify({ incidents: [wire] }), { url: 'x', baseUrl: BASE });
    expect(parsed.kind).toBe('incident');
    if (parsed.kind !== 'incident') return;
    expect(parsed.incident.key).toBe('statuspage:z3lct0r596n4');
    expect(parsed.incident.updates.map((u) => u.key)).toEqual(['statuspage:z3lct0r596n4@2017-12-26T07:32#0']);
    expect(parsed.incident).toEqual(polled);
    expect(parsed.incident).toMatchObject({ name: 'Database query delays', status: 'identified', impact: 'none', url: `${BASE}/incidents/z3lct0r596n4` });
  });

  it('reads the real component_update webhook: the component and its new status', () => {
    const parsed = parseStatuspageWebhook(fixture('statuspage-webhook-component_status_update.zulip.json'), BASE);
    expect(parsed).toEqual({
      kind: 'component',
      component: { id: 'sqm6pl84wzjc', name: 'Database component', status: 'under_maintenance', position: 3 },
      at: '2017-12-26T07:59:09.379Z',
    });
  });

  it('refuses what is not a webhook, with a stable code', () => {
    for (const body of ['', '<html>Just a moment...</html>', '{"meta":{}}', '{"incident":{"name":"no id"}}', '[]']) {
      expect(() => parseStatuspageWebhook(body, BASE), body).toThrow(expect.objectContaining({ code: 'unparsable' }));
    }
  });
});
