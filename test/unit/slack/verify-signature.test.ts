import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createReplayGuard } from '../../../src/platforms/slack/receiver-replay-guard.js';
import { checkSignatureHeaders, verifySlackSignature } from '../../../src/platforms/slack/verify-signature.js';

const SECRET = 'unit-signing-secret';
const NOW_MS = 1_760_000_000_000;
const NOW_S = NOW_MS / 1000;
const BODY = 'command=%2Fclaude-status&text=&user_id=U1';
const sign = (timestamp: number, body = BODY, secret = SECRET) => `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
const verify = (over: Partial<Parameters<typeof verifySlackSignature>[0]> = {}) =>
  verifySlackSignature({ signingSecret: SECRET, body: BODY, timestamp: String(NOW_S), signature: sign(NOW_S), nowMs: NOW_MS, ...over });

describe('verifySlackSignature (pure, clock passed in)', () => {
  it('accepts a correct v0 signature over the raw body, as a string or bytes', () => {
    expect(verify()).toEqual({ ok: true, timestampSec: NOW_S });
    expect(verify({ body: Buffer.from(BODY) })).toEqual({ ok: true, timestampSec: NOW_S });
  });

  it('accepts the edges of the window on both sides', () => {
    for (const ts of [NOW_S - 300, NOW_S + 300]) expect(verify({ timestamp: String(ts), signature: sign(ts) }).ok).toBe(true);
  });

  it.each([
    ['signed 5 min 1 s ago', NOW_S - 301, 'stale_timestamp'],
    ['signed 10 min in the future', NOW_S + 600, 'future_timestamp'],
    ['signed 5 min 1 s in the future', NOW_S + 301, 'future_timestamp'],
  ])('refuses a request %s even when the signature is right', (_label, ts, code) => {
    expect(verify({ timestamp: String(ts), signature: sign(ts) })).toMatchObject({ ok: false, code });
  });

  it.each([
    ['no signature', { signature: undefined }, 'missing_signature'],
    ['no timestamp', { timestamp: undefined }, 'missing_timestamp'],
    ['a timestamp that is not a number', { timestamp: '17e8' }, 'bad_timestamp'],
    ['a negative timestamp', { timestamp: '-1' }, 'bad_timestamp'],
    ['a v1 signature', { signature: sign(NOW_S).replace('v0=', 'v1=') }, 'unknown_signature_version'],
    ['another secret', { signature: sign(NOW_S, BODY, 'other') }, 'signature_mismatch'],
    ['a changed body', { body: `${BODY}&text=oops` }, 'signature_mismatch'],
    ['a truncated signature', { signature: sign(NOW_S).slice(0, 40) }, 'signature_mismatch'],
    ['a signature with non-hex characters', { signature: `v0=${'zz'.repeat(32)}` }, 'signature_mismatch'],
    ['a signature with a hex tail appended', { signature: `${sign(NOW_S)}00` }, 'signature_mismatch'],
  ])('refuses %s', (_label, over, code) => {
    expect(verify(over)).toMatchObject({ ok: false, code });
  });

  it('checks the headers alone before any body is read', () => {
    expect(checkSignatureHeaders({ signature: 'v0=x', timestamp: String(NOW_S + 601) }, NOW_MS)).toMatchObject({ ok: false, code: 'future_timestamp' });
    expect(checkSignatureHeaders({ signature: 'v0=x', timestamp: String(NOW_S) }, NOW_MS)).toEqual({ ok: true, timestampSec: NOW_S });
  });
});

describe('createReplayGuard', () => {
  it('lets a signature through once and refuses it after', () => {
    const guard = createReplayGuard();
    expect(guard.firstSeen('v0=a', NOW_S, NOW_MS)).toBe(true);
    expect(guard.firstSeen('v0=a', NOW_S, NOW_MS + 1_000)).toBe(false);
    expect(guard.firstSeen('v0=a', NOW_S, NOW_MS + 299_000)).toBe(false);
    expect(guard.firstSeen('v0=b', NOW_S, NOW_MS)).toBe(true);
  });

  it('forgets signatures once their timestamp has left the window', () => {
    const guard = createReplayGuard({ windowSeconds: 300 });
    for (let i = 0; i < 50; i++) guard.firstSeen(`v0=${i}`, NOW_S, NOW_MS);
    expect(guard.size()).toBe(50);
    guard.firstSeen('v0=later', NOW_S + 301, NOW_MS + 301_000);
    expect(guard.size()).toBe(1);
  });

  it('never holds more than maxEntries, dropping the oldest first', () => {
    const guard = createReplayGuard({ maxEntries: 100 });
    for (let i = 0; i < 1_000; i++) guard.firstSeen(`v0=${i}`, NOW_S, NOW_MS);
    expect(guard.size()).toBe(100);
    expect(guard.firstSeen('v0=999', NOW_S, NOW_MS)).toBe(false);
    expect(guard.firstSeen('v0=0', NOW_S, NOW_MS)).toBe(true);
  });
});
