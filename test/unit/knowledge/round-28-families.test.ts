import { describe, expect, it } from 'vitest';
import { RELAY_SHAPE, readRoute } from '../../../src/knowledge/read-route.js';
import { builtinKnowledge, firstEntryId } from './knowledge-fixture.js';

// One case per family round 28 missed (its pastes are in test/fixtures/fix-pastes, round 28); each is worded apart from the
// paste it came from, and each family has a near miss that must still go where it went before.
const first = firstEntryId;

describe('a key refused by a relay the paste names', () => {
  it('answers a 401 through CC Switch or a 中转站 as the relay’s key', () => {
    expect(first('every request through cc-switch now ends in API Error: 401 Unauthorized')).toBe('proxy-foreign-error');
    expect(first('中转站的key填进去以后返回 401 api key not found')).toBe('proxy-foreign-error');
  });

  it('answers an XML error document as no answer of the Messages API, with no relay named', () => {
    const paste = 'API Error: 401 <?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';
    expect(readRoute(paste).providers).toContain('gateway');
    expect(first(paste)).toBe('proxy-foreign-error');
  });

  it('keeps a 401 from Anthropic itself, with no relay named, the refused key', () => {
    expect(first('API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}')).toBe('authentication-401');
    expect(first('Claude Code says 401 invalid api key since I rotated my key')).toBe('authentication-401');
  });

  it('keeps the bare "Please run /login" prompt beside a relay the missing credential (no request went out)', () => {
    expect(first('Invalid API key · Please run /login 用的是中转站')).toBe('login-required');
  });
});

describe('an envelope a server in between wrote again', () => {
  it('reads an outer "type":"error" after a type-then-message error object as a relay', () => {
    const paste = 'API Error: 400 {"error":{"type":"api_error","message":"something broke upstream"},"type":"error"}';
    expect(readRoute(paste).providers).toEqual(['gateway']);
    expect(first(paste)).toBe('proxy-foreign-error');
  });

  it('keeps Anthropic’s own envelope order its own answer', () => {
    const paste = 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"messages: at least one message is required"}}';
    expect(readRoute(paste).providers).toEqual([]);
    expect(first(paste)).toBe('invalid-request-400');
  });

  it('does not read keys sorted by a client’s map (message before type) as a relay', () => {
    expect(readRoute('{"error":{"message":"anthropic-version: header is required","type":"invalid_request_error"},"type":"error"}').providers).toEqual([]);
  });

  it('carries the same source in proxy-foreign-error’s patterns', () => {
    expect(builtinKnowledge().get('proxy-foreign-error')?.match.patterns).toContain(RELAY_SHAPE.source);
  });
});

describe('a relay’s 503 and a relay’s usage limit', () => {
  it('answers a custom provider’s or a local router’s 503 as the relay’s', () => {
    expect(first('Using a custom provider in the IDE, every call says Service Unavailable and retries 5 times')).toBe('proxy-foreign-error');
    expect(first('开了本地路由以后，一直 503')).toBe('proxy-foreign-error');
  });

  it('keeps a 503 with no relay where it was', () => {
    expect(first('API Error: 503 upstream connect error or disconnect/reset before headers. reset reason: overflow')).toBe('upstream-unavailable');
    expect(first('Error: 503 Service Unavailable')).toBe('gateway-error-page');
    // A home router (路由器) is no relay.
    expect(first('家里的本地路由器重启后 API Error: 503')).toBe('upstream-unavailable');
  });

  it('answers a plan’s usage-limit wording through a relay as the relay’s pooled account', () => {
    expect(first('通过中转使用时显示 Claude usage limit reached, resets at 5pm')).toBe('proxy-foreign-error');
  });

  it('keeps the usage limit in Claude Code with a subscription the subscription’s', () => {
    expect(first("Claude Max: You've hit your usage limit · resets 3pm")).toBe('usage-limit-subscription');
  });
});

describe('an app’s 404 and a model that is gone', () => {
  it('answers n8n’s 404 wording as a wrong endpoint', () => {
    expect(first('n8n node error: The resource you are requesting could not be found [item 0]')).toBe('not-found-404');
  });

  it('answers a 404 for a model the paste says is gone as the model', () => {
    expect(first('the credential check 404s because the node asks for claude-2.1, which is no longer available')).toBe('model-unavailable');
  });

  it('keeps a bare "resource not found" the wrong endpoint, and a model that no longer supports a header no model answer', () => {
    expect(first('NodeApiError: resource not found')).toBe('not-found-404');
    expect(first('claude-3-haiku no longer supports this beta header')).not.toBe('model-unavailable');
  });
});

describe('TLS interception named as the cause', () => {
  it('answers a failure beside a TLS-inspecting proxy as the certificate', () => {
    expect(first('Cannot reach the API from work: Netskope does SSL inspection on our laptops, connection reset')).toBe('tls-certificate');
  });

  it('keeps a corporate proxy or Zscaler with no TLS words the connection', () => {
    expect(first('behind a corporate proxy, API Error: Unable to connect to API (ECONNRESET)')).toBe('network-connection');
    expect(first('zscaler is off and I still get ECONNRESET')).toBe('network-connection');
  });
});

describe('Claude Code’s country hedge and the SDK’s own timeout', () => {
  it('answers the hedge alone as the connection that failed', () => {
    expect(first('the CLI exits saying it might not be available in your region')).toBe('network-connection');
  });

  it('keeps a plain location refusal the location refusal', () => {
    expect(first('Claude is not available in your country')).toBe('request-not-allowed-403');
  });

  it('answers the Python SDK’s timeout setting named as the cause as a timeout', () => {
    expect(first('anthropic python: a long document call dies after a minute; raising DEFAULT_TIMEOUT fixed it')).toBe('timeout-504');
  });

  it('keeps a connection wrapper the connection', () => {
    expect(first('anthropic.APIConnectionError: Connection error.')).toBe('network-connection');
  });
});
