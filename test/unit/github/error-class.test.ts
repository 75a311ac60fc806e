import { describe, expect, it } from 'vitest';
import { API_ERROR_TYPES, classifyReport, errorClassLabel, errorClassOf, readErrorType, readLabelledStatus } from '../../../src/incidents/error-class.js';
import { parseError } from '../../../src/knowledge/parse-error.js';

describe('error class of a GitHub report', () => {
  it.each([
    ['[BUG] API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', 'overloaded'],
    ['API Error: 500 Internal server error', 'api_error'],
    ['API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}', 'api_error'],
    ['Repeated 429 rate_limit_error', 'rate_limit'],
    ['Claude Code keeps saying "API Error (529 overloaded)"', 'overloaded'],
    ['Getting overloaded_error since this morning', 'overloaded'],
    ['HTTP 503 Service Unavailable from api.anthropic.com', 'unavailable'],
    ['API Error: 504 timeout_error on long sessions', 'timeout'],
    ['Request failed with status code 502', 'unavailable'],
  ])('%s → %s', (title, expected) => {
    expect(classifyReport(title, null)).toBe(expected);
  });

  it('reads the body when the title names no error ("Status page says everything\'s ok, which is not")', () => {
    const body = 'Every request fails:\n\n```\nAPI Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CV"}\n```';
    expect(classifyReport("Status page says everything's ok, which is not", body)).toBe('overloaded');
    expect(classifyReport("Status page says everything's ok, which is not", 'nothing works')).toBeNull();
  });

  it('lets the title win over the body, and the first error named win within a text', () => {
    expect(classifyReport('API Error: 500', 'later I also got 529 overloaded')).toBe('api_error');
    expect(errorClassOf('429 rate_limit_error, then API Error: 500')).toBe('rate_limit');
  });

  it('does not take any number for a status code', () => {
    expect(errorClassOf('Context is 500 tokens over after /compact')).toBeNull();
    expect(errorClassOf('Regression in 1.0.500: slash commands missing')).toBeNull();
    expect(errorClassOf('API Error: 401 {"type":"error","error":{"type":"authentication_error"}}')).toBeNull();
  });

  it('labels classes for cards and /claude-status', () => {
    expect(errorClassLabel('overloaded')).toBe('529 overloaded');
    expect(errorClassLabel(null)).toBe('other');
    expect(errorClassLabel('something_new')).toBe('other');
  });
});

describe('one vocabulary for error shapes (shared with the /claude-fix parser)', () => {
  it('reads every labelled status, so a 401 before a 503 does not hide the 503', () => {
    expect(errorClassOf('API Error: 401 at first, then HTTP 503 from the proxy')).toBe('unavailable');
    expect(readLabelledStatus('Context is 500 tokens over')).toBeNull();
    expect(readLabelledStatus('API Error (529 {"type":"error"})')).toEqual({ status: 529, index: 0 });
  });

  it('reads API error types from JSON first, then bare names', () => {
    expect(readErrorType('{"type":"error","error":{"type":"overloaded_error"}}')).toBe('overloaded_error');
    expect(readErrorType('got a rate_limit_error again')).toBe('rate_limit_error');
    expect(readErrorType('{"type":"error"}')).toBeNull();
    expect(API_ERROR_TYPES.request_too_large).toBe(413);
  });

  it('is what the fix parser uses: the same paste gets the same status on both sides', () => {
    const paste = 'API Error: 503 upstream connect error or disconnect/reset before headers';
    expect(parseError(paste).status).toBe(readLabelledStatus(paste)?.status);
    expect(errorClassOf(paste)).toBe('unavailable');
  });
});
