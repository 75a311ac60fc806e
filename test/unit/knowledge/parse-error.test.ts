import { describe, expect, it } from 'vitest';
import { measureLookup } from '../../../src/knowledge/measure-lookup.js';
import { normalizePaste } from '../../../src/knowledge/normalize-paste.js';
import { parseError } from '../../../src/knowledge/parse-error.js';
import { builtinKnowledge } from './knowledge-fixture.js';

describe('parseError', () => {
  it('reads status, type, message and request id from a full body', () => {
    expect(
      parseError('API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"},"request_id":"req_011CXmPEnrV5B6xsTNUfkJBs"}'),
    ).toMatchObject({ status: 500, errorType: 'api_error', message: 'Internal server error', requestId: 'req_011CXmPEnrV5B6xsTNUfkJBs', providers: [], html: false, retry: null });
  });

  it('infers the status from the type when the code was cut off', () => {
    expect(parseError('{"type":"error","error":{"type":"overloaded_error","message":"Overl')).toMatchObject({ status: 529, errorType: 'overloaded_error' });
  });

  it("reads Claude Code's retry line", () => {
    expect(parseError('529 Overloaded · Retrying in 8s · attempt 3/10').retry).toEqual({ attempt: 3, max: 10 });
    expect(parseError('API Error (Connection error.) · Retrying in 4 seconds… (attempt 4/10)').retry).toEqual({ attempt: 4, max: 10 });
  });

  it('spots Bedrock, Vertex and gateway hints, and HTML pages', () => {
    expect(parseError('ThrottlingException from bedrock-runtime').providers).toEqual(['bedrock']);
    expect(parseError('"status":"RESOURCE_EXHAUSTED" aiplatform.googleapis.com').providers).toEqual(['vertex']);
    expect(parseError('check your inference gateway (127.0.0.1:4623)').providers).toEqual(['gateway']);
    expect(parseError('<!DOCTYPE html><html><body>503</body></html>').html).toBe(true);
  });

  it('does not take versions, ports, byte counts or message indexes for a status', () => {
    expect(parseError('Claude Code v2.1.500 on port 443').status).toBeNull();
    expect(parseError('messages.404.content: 5242880 bytes').status).toBeNull();
    expect(parseError('attempt 3/10 at 15:44:34.389Z').status).toBeNull();
  });

  it('reads a request id without the JSON around it', () => {
    expect(parseError('same here, Request ID from error: req_011Ca5k61REPFRbReL4GVit1').requestId).toBe('req_011Ca5k61REPFRbReL4GVit1');
    expect(parseError('"request_id":null').requestId).toBeNull();
  });

  it("reads the message from a Python SDK's repr of the body, and marks OpenAI-shaped bodies as a gateway", () => {
    const parsed = parseError("Error code: 404 - {'error': {'message': 'Invalid URL (POST /v1/messages)', 'type': 'invalid_request_error', 'param': '', 'code': ''}}");
    expect(parsed).toMatchObject({ status: 404, message: 'Invalid URL (POST /v1/messages)', providers: ['gateway'] });
    // A message longer than the 400 characters read is cut, not lost.
    const long = parseError(`Error code: 429 - {'error': {'type': 'rate_limit_error', 'message': 'This request would exceed ${'x'.repeat(500)}'}}`);
    expect(long.message).toMatch(/^This request would exceed x+$/);
  });

  it("spots a Go relay by its nil error type and the request id it appends to the message", () => {
    expect(parseError('API Error: 400 {"error":{"type":"<nil>","message":"text: Field required"},"type":"error"}').providers).toEqual(['gateway']);
    expect(parseError('{"message":"Field required (request id: 20251221090637793082942z9dmEVJH)"}').providers).toEqual(['gateway']);
    expect(parseError('API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"messages.3: bad"}}').providers).toEqual([]);
  });

  it('names the error Claude Code retried most when it retried more than one kind', () => {
    const mixed = 'API Error (Request timed out.) · Retrying in 37 seconds… (attempt 7/10)\nAPI Error (Request timed out.) · Retrying in 34 seconds… (attempt 8/10)\nAPI Error (502 <html><title>502 Bad Gateway</title></html>) · Retrying in 38 seconds… (attempt 9/10)';
    expect(parseError(mixed).retriedMost).toBe('Request timed out.');
    // A tie goes to the error retried first; one kind of error alone needs no choosing.
    expect(parseError('API Error (Connection error.) · Retrying in 1 seconds… (attempt 1/10) API Error: 529 Overloaded · Retrying in 2 seconds… (attempt 2/10)').retriedMost).toBe('Connection error.');
    expect(parseError('API Error (Connection error.) · Retrying in 4 seconds… (attempt 4/10) API Error (Connection error.) · Retrying in 9 seconds… (attempt 5/10)').retriedMost).toBeNull();
  });

  it('never throws on odd input', () => {
    for (const input of ['', '\u0000', '\ud800', '{'.repeat(50_000), '\u001b['.repeat(1_000), '`'.repeat(99)]) {
      expect(() => parseError(input)).not.toThrow();
    }
  });
});

describe('normalizePaste', () => {
  it('strips colours, glyphs, fences, quotes and entities, and joins wrapped lines', () => {
    expect(normalizePaste('> ```\n  ⎿ \u001b[31mAPI Error\u001b[0m: 529 &lt;x&gt;\n    "api_\n    error"\n```')).toBe('API Error: 529 <x> "api_error"');
  });
});

describe('measureLookup', () => {
  it('reports timings the bench runner can print', () => {
    const measurement = measureLookup(builtinKnowledge(), 2);
    expect(measurement.lookups).toBeGreaterThan(0);
    expect(measurement.meanMicros).toBeGreaterThan(0);
  });
});

describe('normalizePaste on chat markup', () => {
  it("keeps the address of Slack's <url|label> links", () => {
    expect(normalizePaste('check <https://status.claude.com|status.claude.com> now')).toBe('check https://status.claude.com now');
  });
});

describe('parseError on provider shapes and non-English pastes', () => {
  it('echoes Vertex and Bedrock request ids and AWS request ids', () => {
    expect(parseError('"request_id":"req_vrtx_011CWscdZLbCzvTdKUeranGy"').requestId).toBe('req_vrtx_011CWscdZLbCzvTdKUeranGy');
    expect(parseError('"request_id":"req_bdrk_011CWscdZLbCzvTdKUeranGy"').requestId).toBe('req_bdrk_011CWscdZLbCzvTdKUeranGy');
    expect(parseError('"$metadata":{"httpStatusCode":429,"requestId":"158a2e26-c851-4440-9f98-e3065df1de46"}').requestId).toBe(
      '158a2e26-c851-4440-9f98-e3065df1de46',
    );
  });

  it('reads the provider from id shapes and model ids, and the client from the wording', () => {
    expect(parseError('"request_id":"req_vrtx_011CWscdZLbCzvTdKUeranGy"').providers).toEqual(['vertex']);
    expect(parseError("Model 'claude-opus-4-6' not found. Try 'claude-opus-4-1@20250805' instead").providers).toEqual(['vertex']);
    expect(parseError('Too many tokens per day, please wait before trying again.').providers).toEqual(['bedrock']);
    expect(parseError('Please run /login · API Error: 401 Invalid authentication credentials').client).toBe('claude-code');
    expect(parseError("anthropic.RateLimitError: Error code: 429 - {'error': {}}").client).toBe('sdk');
    expect(parseError('overloaded').client).toBeNull();
  });

  it("reads the status a relay says its upstream answered, and none when it says none", () => {
    expect(parseError('API Error: 400 {"error":{"message":"Error from provider(laozhang,deepseek-chat: 400): "}}').upstreamStatus).toBe(400);
    expect(parseError('channel Zhipu-A failed: upstream error: 400: {"error":{"code":"1210"}}').upstreamStatus).toBe(400);
    expect(parseError('错误：模型 : bad response status code 503, message: No available accounts').upstreamStatus).toBe(503);
    expect(parseError("Error from provider: {\"detail\":\"API call failed: Client error '403 Forbidden' for url\"}").upstreamStatus).toBe(403);
    expect(parseError('Error: status_code=500, upstream error: do request failed').upstreamStatus).toBeNull();
    expect(parseError('API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}').upstreamStatus).toBeNull();
  });

  it("takes an error object that starts with a string code for another vendor's, not Anthropic's", () => {
    expect(parseError('API Error: 403 {"error":{"code":"forbidden","message":"403: <html>"}}').providers).toEqual(['gateway']);
    expect(parseError('{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}').providers).toEqual(['vertex']);
    expect(parseError('{"type":"error","error":{"type":"permission_error","message":"denied"}}').providers).toEqual([]);
  });

  it('folds full-width punctuation from Chinese and Japanese input (NFKC)', () => {
    expect(parseError('报错：API Error：（429）').status).toBe(429);
    expect(normalizePaste('ＡＰＩ　Ｅｒｒｏｒ')).toBe('API Error');
  });
});
