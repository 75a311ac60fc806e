import { describe, expect, it } from 'vitest';
import { builtinKnowledge } from './knowledge-fixture.js';

// One case per family rounds 19 and 20 missed (their pastes are in test/fixtures/fix-pastes, rounds 19 and 20); each is
// worded apart from the paste it came from, and each family has a near miss that must still go where it went before.
const first = (raw: string): string | null => builtinKnowledge().lookup(raw).best?.entry.id ?? null;

describe("the API's own answer outranks a client's generic connection wrapper", () => {
  it.each([
    // Claude Code's friendly 529 beside an earlier socket failure in its error log.
    ['API Error: 529 Overloaded. Try again shortly. Errors: [{"error":"Error: The socket connection was closed unexpectedly"}]', 'overloaded-529'],
    // An organisation rate limit, with an ECONNREFUSED from another moment of the session.
    ['keep hitting 429 rate limit errors for output tokens per minute; log: Error: ECONNREFUSED at cli.js:1:2', 'rate-limit-429'],
    // Anthropic's overloaded body carried inside an SDK's connection exception.
    ['openai.APIConnectionError: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', 'overloaded-529'],
    // A field validation the API wrote, under a client's "connection error" title.
    ['Vertex connection error: messages.0.content: Input should be a valid list', 'invalid-request-400'],
  ])('answers %s by the answer inside', (paste, expected) => {
    expect(first(paste)).toBe(expected);
  });

  it('keeps real connection failures network', () => {
    expect(first('API Error (Connection error.) · Retrying in 2 seconds… (attempt 2/10)')).toBe('network-connection');
    expect(first('anthropic.APIConnectionError: Connection error.')).toBe('network-connection');
    expect(first('API Error: Connection error. read ECONNRESET')).toBe('network-connection');
    // A bare status beside the failure says no more than the failure: the stream was cut.
    expect(first('API Error: 502 terminated')).toBe('network-connection');
    expect(first('Request failed: connect ETIMEDOUT 160.79.104.10:443')).toBe('network-connection');
  });
});
