import { describe, expect, it } from 'vitest';
import { createFixCommand } from '../../../src/commands/fix.js';
import type { Reply } from '../../../src/commands/reply.js';
import type { LiveStatusView } from '../../../src/incidents/live-status.js';
import { builtinKnowledge } from './knowledge-fixture.js';
import { NOW, greenStatus, incident } from './live-status-fixture.js';

const ask = async (text: string, live: LiveStatusView = greenStatus()): Promise<Reply> =>
  await createFixCommand({ knowledge: builtinKnowledge(), getLiveStatus: () => live, clock: { now: () => NOW } })({
    command: 'fix',
    text,
    platform: 'slack',
    userId: 'U1',
    channelId: 'C1',
    isAdmin: false,
  });

const field = (reply: Reply, label: string): string | undefined =>
  reply.blocks.flatMap((block) => (block.type === 'fields' ? block.fields : [])).find((item) => item.label.startsWith(label))?.value;
const steps = (reply: Reply): string[] => reply.blocks.flatMap((block) => (block.type === 'steps' ? block.items : []));
const notices = (reply: Reply): string[] => reply.blocks.flatMap((block) => (block.type === 'notice' ? [block.text] : []));

// Real captures, with their sources in test/fixtures/fix-pastes.
const VERTEX_CONTEXT =
  'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"input length and `max_tokens` exceed context limit: 193125 + 21333 > 200000"},"request_id":"req_vrtx_011CWscdZLbCzvTdKUeranGy"}';
const VERTEX_QUOTA =
  'API Error (429 {"error":{"code":429,"message":"Quota exceeded for aiplatform.googleapis.com/online_prediction_input_tokens_per_minute_per_base_model with base model: anthropic-claude-opus-4.","status":"RESOURCE_EXHAUSTED"}}) · Retrying in 32 seconds… (attempt 7/10)';
const BEDROCK_DAILY = 'API Error: Request rejected (429) - Too many tokens per day, please wait before trying again.';
const ENVOY_503 = 'API Error (503 no healthy upstream) · Retrying in 1 seconds… (attempt 1/10)';

describe('answers that know the route the error took', () => {
  it('echoes a Vertex request id and names Claude Code on Vertex', async () => {
    const reply = await ask(VERTEX_CONTEXT);
    expect(field(reply, 'Request id')).toBe('`req_vrtx_011CWscdZLbCzvTdKUeranGy`');
    expect(field(reply, 'Seen via')).toBe('Claude Code on Google Vertex AI');
  });

  it("gives a Vertex user Vertex's quota fix, says the status page cannot see it, and never says 'switch to Vertex'", async () => {
    const reply = await ask(VERTEX_QUOTA, greenStatus({ openIncidents: [incident()] }));
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'Google Vertex AI quota exceeded' });
    expect(notices(reply).join(' ')).toMatch(/does not cover Google Vertex AI.*Google Cloud Service Health/);
    // Anthropic's incident does not explain a Google Cloud quota: no danger verdict, no outage steps first.
    expect(reply.blocks.find((block) => block.type === 'notice')).toMatchObject({ level: 'info' });
    expect(steps(reply)[0]).not.toMatch(/^Wait it out/);
    expect(steps(reply).join(' ')).not.toMatch(/CLAUDE_CODE_USE_(?:VERTEX|BEDROCK)|backup/);
  });

  it('answers a Bedrock daily token quota with the AWS fix and the AWS status source', async () => {
    const reply = await ask(BEDROCK_DAILY);
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'Amazon Bedrock quota or throttling' });
    expect(notices(reply).join(' ')).toContain('AWS Health Dashboard');
    expect(steps(reply).join(' ')).toContain('Service Quotas');
  });

  it("answers Bedrock's own outage with AWS's health page, never with 'switch to Bedrock' or Anthropic's incident", async () => {
    const reply = await ask('API Error: 503 ServiceUnavailableException: The service is temporarily unable to handle the request.', greenStatus({ openIncidents: [incident()] }));
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'Amazon Bedrock unavailable or failing (5xx)' });
    expect(notices(reply)[0]).toMatch(/^\*\*Your cloud provider, not Anthropic's service:\*\*/);
    expect(notices(reply).join(' ')).toContain('does not cover Amazon Bedrock');
    expect(steps(reply)[0]).toContain('https://health.aws.amazon.com/health/status');
    expect(steps(reply).join(' ')).not.toMatch(/CLAUDE_CODE_USE_BEDROCK|^Wait it out/);
  });

  it("answers Vertex's own 503 with Google Cloud's health page", async () => {
    const reply = await ask('API Error: 503 {"error":{"code":503,"message":"The service is currently unavailable.","status":"UNAVAILABLE"}} on vertex');
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'Google Vertex AI unavailable or failing (5xx)' });
    expect(notices(reply).join(' ')).toContain('does not cover Google Vertex AI');
    expect(steps(reply)[0]).toContain('https://status.cloud.google.com');
  });

  it("sends Bedrock's data retention refusal to the AWS account setting, not to the request", async () => {
    const reply = await ask("When using Claude Code connected through AWS Bedrock, every prompt fails with:\n\nAPI Error: 400 data retention mode 'default' is not available for this model");
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'Amazon Bedrock data retention mode' });
    expect(steps(reply).join(' ')).toMatch(/GetAccountDataRetention.*PutAccountDataRetention/);
  });

  it('keeps the switch-over steps when a user asks how to move to Bedrock', async () => {
    const reply = await ask('bedrock');
    expect(steps(reply)[0]).toMatch(/CLAUDE_CODE_USE_BEDROCK=1/);
  });

  it('says a gateway is outside what the status page can see', async () => {
    const reply = await ask('API Error: 400 {"object":"error","message":"This model\'s maximum context length is 131072 tokens.","type":"BadRequestError","param":null,"code":400}');
    expect(notices(reply).join(' ')).toContain('cannot see the relay, proxy or gateway');
    expect(field(reply, 'Seen via')).toBe('Claude Code through a proxy or gateway');
  });

  it("repeats the status a relay's upstream gave, and adds nothing when the relay names none", async () => {
    const wrapped = await ask('channel Zhipu-A failed: upstream error: 400: {"error":{"code":"1210","message":"API 调用参数有误，请检查文档。"}}');
    expect(wrapped.blocks[0]).toEqual({ type: 'header', text: 'Error from a relay, proxy or other vendor' });
    expect(notices(wrapped).join(' ')).toContain('the provider behind it answered 400.');
    const bare = await ask('Error: status_code=500, upstream error: do request failed');
    expect(notices(bare).join(' ')).toContain('cannot see the relay, proxy or gateway');
    expect(notices(bare).join(' ')).not.toContain('provider behind it answered');
  });

  it('lets the status page decide on an Envoy 503 instead of calling it local', async () => {
    const quiet = await ask(ENVOY_503);
    expect(notices(quiet)[0]).toMatch(/^\*\*No incident on the status page\.\*\* This error comes from Anthropic's side/);
    expect(notices(quiet).join(' ')).toContain('some minutes after errors start');
    expect(JSON.stringify(quiet.blocks)).not.toMatch(/most likely local/i);
    const open = await ask(ENVOY_503, greenStatus({ openIncidents: [incident()] }));
    expect(notices(open)[0]).toMatch(/^\*\*Anthropic's side:\*\* open incident/);
    expect(steps(open)[0]).toMatch(/^Wait it out/);
  });

  it('tells a disabled-organization user about the stale API key first', async () => {
    const reply = await ask('API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"This organization has been disabled."},"request_id":"req_011CXF1SZ3S3oXChsdxhoUwV"}');
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'This organization has been disabled' });
    expect(steps(reply)[1]).toMatch(/^`unset ANTHROPIC_API_KEY`/);
  });

  it('points subscription limits at /usage and the renamed credits command, and unattended runs at the watchdog', async () => {
    const limit = await ask("You've hit your limit · resets 2:10pm (Europe/Moscow)");
    expect(steps(limit).join(' ')).toMatch(/`\/usage`.*`\/usage-credits`/);
    const overloaded = await ask('API Error: 529 Overloaded');
    expect(steps(overloaded).join(' ')).toMatch(/CLAUDE_CODE_RETRY_WATCHDOG=1.*up to 15.*--fallback-model/);
  });
});
