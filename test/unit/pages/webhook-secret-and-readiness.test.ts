import { describe, expect, it } from 'vitest';
import { runReadiness } from '../../../src/http/readiness.js';
import { secretMatches } from '../../../src/http/statuspage-webhook.js';

describe('webhook secret', () => {
  it('matches only the exact secret, whatever the lengths', () => {
    const secret = 'whsec-0123456789abcdef';
    expect(secretMatches(secret, secret)).toBe(true);
    expect(secretMatches(`${secret}x`, secret)).toBe(false);
    expect(secretMatches(secret.slice(0, -1), secret)).toBe(false);
    expect(secretMatches('', secret)).toBe(false);
    expect(secretMatches(null, secret)).toBe(false);
  });
});

describe('advisory readiness checks', () => {
  it('are reported failing but do not fail /readyz; a required failure still does', () => {
    const advisory = () => ({ name: 'statuspage:openai', ok: false, detail: 'never read', advisory: true });
    const fine = () => ({ name: 'statuspage', ok: true, detail: 'last good read 5 s ago' });
    const broken = () => ({ name: 'statuspage', ok: false, detail: 'never read' });
    const report = runReadiness([fine, advisory]);
    expect(report.ok).toBe(true);
    expect(report.checks[1]).toMatchObject({ ok: false, advisory: true });
    expect(runReadiness([broken, advisory]).ok).toBe(false);
  });
});
