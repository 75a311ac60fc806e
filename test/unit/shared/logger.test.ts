import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/shared/logger.js';
import { backoffDelayMs } from '../../../src/shared/backoff.js';
import { formatDuration } from '../../../src/shared/clock.js';

describe('logger', () => {
  it('keeps secrets out of messages, objects and errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cob-log-'));
    const file = join(dir, 'log.jsonl');
    const fd = openSync(file, 'w');
    const secret = 'xoxb-1111-2222-abcdefghijkl';
    const logger = createLogger('info', [secret], fd);
    logger.info(`connecting with ${secret}`);
    logger.warn({ token: 'other-token-value', headers: { authorization: 'Bearer zzz' }, detail: `t=${secret}` }, 'failed');
    logger.error({ err: new Error(`invalid_auth for ${secret}`) }, 'boom');
    closeSync(fd);
    const text = readFileSync(file, 'utf8');
    rmSync(dir, { recursive: true, force: true });
    expect(text.split('\n').filter(Boolean)).toHaveLength(3);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('other-token-value');
    expect(text).not.toContain('Bearer zzz');
    expect(text).toContain('[redacted]');
  });
});

describe('Slack token shapes', () => {
  it('are scrubbed though no env variable holds them (installed workspaces\' tokens), leaving other words alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cob-log-'));
    const file = join(dir, 'log.jsonl');
    const fd = openSync(file, 'w');
    const logger = createLogger('info', [], fd);
    const tokens = ['xoxb-T1-1-abcdef', 'xoxp-123-456-abc', 'xoxe-1-refresh-abc', 'xoxa-2-xyz', 'xoxr-9-rrr'];
    logger.info(`stored ${tokens[0]!} for T1`);
    logger.warn({ installation: JSON.stringify({ bot: { token: tokens[1] }, user: { refreshToken: tokens[2] } }), more: [tokens[3], tokens[4]] }, 'saved');
    closeSync(fd);
    const text = readFileSync(file, 'utf8');
    rmSync(dir, { recursive: true, force: true });
    for (const token of tokens) expect(text).not.toContain(token);
    expect(text).toContain('stored [redacted] for T1');
    expect(text).toContain('saved');
  });
});

describe('logged errors', () => {
  it('keep their message, code and HTTP status (a GitHub failure once logged {"err":{}})', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cob-log-'));
    const file = join(dir, 'log.jsonl');
    const fd = openSync(file, 'w');
    const logger = createLogger('info', [], fd);
    const error = Object.assign(new Error('Validation Failed'), { status: 422, code: 'github_invalid_query' });
    logger.warn({ err: error, nested: { cause: new Error('socket hang up') } }, 'GitHub search failed');
    closeSync(fd);
    const line = JSON.parse(readFileSync(file, 'utf8')) as { err: Record<string, unknown>; nested: { cause: Record<string, unknown> } };
    rmSync(dir, { recursive: true, force: true });
    expect(line.err).toMatchObject({ message: 'Validation Failed', status: 422, code: 'github_invalid_query', type: 'Error' });
    expect(line.err.stack).toEqual(expect.stringContaining('Validation Failed'));
    expect(line.nested.cause).toMatchObject({ message: 'socket hang up' });
  });
});

describe('backoff and durations', () => {
  it('grows exponentially within jitter bounds and caps', () => {
    const at = (attempt: number, r: number) => backoffDelayMs(attempt, { baseMs: 1000, maxMs: 8000, random: () => r });
    expect([at(1, 0), at(1, 1)]).toEqual([500, 1000]);
    expect([at(3, 0), at(3, 1)]).toEqual([2000, 4000]);
    expect(at(10, 1)).toBe(8000);
  });

  it('formats durations the way people say them', () => {
    expect(formatDuration(79 * 60_000)).toBe('1 h 19 min');
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(20_000)).toBe('under a minute');
    expect(formatDuration((2 * 24 + 3) * 3_600_000)).toBe('2 d 3 h');
  });
});
