import { describe, expect, it } from 'vitest';
import { attributeReport, coolingWarnings, detectSpikes, warningKey, type ActiveWarning, type SpikeReport } from '../../../src/incidents/spike.js';

const T = (m: number) => new Date(Date.UTC(2026, 10, 25, 10, m)).toISOString();
const settings = { threshold: 3, windowMinutes: 30 };
const r = (number: number, minute: number, errorClass: string | null = 'overloaded'): SpikeReport => ({ number, errorClass, createdAt: T(minute) });
const detect = (candidates: SpikeReport[], minute: number, extra: { active?: ActiveWarning[]; officialOpen?: boolean } = {}) =>
  detectSpikes({ candidates, active: extra.active ?? [], officialOpen: extra.officialOpen ?? false, now: new Date(T(minute)), settings });

describe('spike detection', () => {
  it('raises one spike when the threshold is reached within the window, keyed by its first report', () => {
    expect(detect([r(1, 1), r(2, 5)], 6)).toEqual([]);
    const [spike, ...rest] = detect([r(1, 1), r(2, 5), r(3, 9)], 10);
    expect(rest).toEqual([]);
    expect(spike).toMatchObject({ key: 'github:overloaded@2026-11-25T10:01', errorClass: 'overloaded', startedAt: T(1) });
    expect(spike?.reports.map((x) => x.number)).toEqual([1, 2, 3]);
  });

  it('counts only reports inside the window and of one class', () => {
    expect(detect([r(1, 0), r(2, 20), r(3, 40)], 41)).toEqual([]);
    expect(detect([r(1, 1), r(2, 2, 'api_error'), r(3, 3, null), r(4, 4)], 5)).toEqual([]);
    expect(detect([r(1, 1, 'api_error'), r(2, 2, 'api_error'), r(3, 3, 'api_error'), r(4, 4)], 5).map((s) => s.errorClass)).toEqual(['api_error']);
  });

  it('ignores reports dated in the future (clock skew) and unclassified reports', () => {
    expect(detect([r(1, 1), r(2, 2), r(3, 50)], 10)).toEqual([]);
    expect(detect([r(1, 1, null), r(2, 2, null), r(3, 3, null)], 10)).toEqual([]);
  });

  it('raises nothing while an official incident is open or a warning of the class is active', () => {
    const reports = [r(1, 1), r(2, 2), r(3, 3)];
    expect(detect(reports, 5, { officialOpen: true })).toEqual([]);
    const active: ActiveWarning[] = [{ key: warningKey('overloaded', T(0)), errorClass: 'overloaded', startedAt: T(0), lastReportAt: T(0) }];
    expect(detect(reports, 5, { active })).toEqual([]);
  });
});

describe('attribution and cooldown', () => {
  const active: ActiveWarning[] = [{ key: 'github:overloaded@2026-11-25T10:01', errorClass: 'overloaded', startedAt: T(1), lastReportAt: T(9) }];

  it('counts a report for the open official incident first, then the active warning of its class', () => {
    const officials = [{ key: 'statuspage:a', createdAt: T(10) }];
    expect(attributeReport(r(5, 12), { officials, active, windowMinutes: 30 })).toBe('statuspage:a');
    expect(attributeReport(r(5, 12, null), { officials, active, windowMinutes: 30 })).toBe('statuspage:a');
    expect(attributeReport(r(5, 12), { officials: [], active, windowMinutes: 30 })).toBe(active[0]!.key);
    expect(attributeReport(r(5, 12, 'api_error'), { officials: [], active, windowMinutes: 30 })).toBeNull();
  });

  it('does not give a report to a warning it came long after, nor to an incident it came long before', () => {
    expect(attributeReport(r(5, 45), { officials: [], active, windowMinutes: 30 })).toBeNull();
    expect(attributeReport(r(5, 0), { officials: [{ key: 'statuspage:a', createdAt: T(100) }], active: [], windowMinutes: 30 })).toBeNull();
  });

  it('cools a warning once no report came for the window', () => {
    expect(coolingWarnings(active, new Date(T(38)), settings)).toEqual([]);
    expect(coolingWarnings(active, new Date(T(39)), settings)).toEqual(active);
  });
});
