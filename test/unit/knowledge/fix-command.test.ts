import { describe, expect, it } from 'vitest';
import { createFixCommand } from '../../../src/commands/fix.js';
import type { CommandRequest, Reply } from '../../../src/commands/reply.js';
import type { LiveStatusView } from '../../../src/incidents/live-status.js';
import { builtinKnowledge } from './knowledge-fixture.js';
import { NOW, greenStatus, incident } from './live-status-fixture.js';

const PASTE_529 =
  'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CZTEFvft13DajMTp9pp64"}';

const request = (text: string, platform: CommandRequest['platform'] = 'slack'): CommandRequest => ({
  command: 'fix',
  text,
  platform,
  userId: 'U1',
  channelId: 'C1',
  isAdmin: false,
});

const fix = (live: LiveStatusView | (() => LiveStatusView)) =>
  createFixCommand({
    knowledge: builtinKnowledge(),
    getLiveStatus: typeof live === 'function' ? live : () => live,
    clock: { now: () => NOW },
  });

const answer = async (live: LiveStatusView | (() => LiveStatusView), text: string, platform?: CommandRequest['platform']) =>
  await fix(live)(request(text, platform));

const firstNotice = (reply: Reply) => reply.blocks.find((block) => block.type === 'notice');
const stepsOf = (reply: Reply): string[] => reply.blocks.flatMap((block) => (block.type === 'steps' ? block.items : []));
const allText = (reply: Reply): string => JSON.stringify(reply.blocks);

describe('fix command verdict', () => {
  it('leads with the open incident and puts waiting / switching first', async () => {
    const reply = await answer(greenStatus({ openIncidents: [incident()] }), PASTE_529);
    const notice = firstNotice(reply);
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'API overloaded (529)' });
    expect(reply.blocks[1]).toBe(notice);
    expect(notice).toMatchObject({ level: 'danger' });
    expect(notice && 'text' in notice ? notice.text : '').toMatch(/Anthropic's side.*Elevated errors on Claude Opus.*since Nov 4, 14:45 UTC, 45 min ago/);
    expect(stepsOf(reply)[0]).toMatch(/^Wait it out/);
    expect(stepsOf(reply)[1]).toMatch(/`\/model`/);
    expect(stepsOf(reply)[2]).toMatch(/CLAUDE_CODE_USE_BEDROCK=1/);
    expect(reply.blocks).toContainEqual({
      type: 'links',
      links: expect.arrayContaining([{ label: 'Incident', url: 'https://status.claude.com/incidents/vmys9qn874h4' }]) as unknown,
    });
  });

  it('says the page is green and leads with local checks when there is no incident', async () => {
    const reply = await answer(greenStatus(), PASTE_529);
    expect(firstNotice(reply)).toMatchObject({ level: 'info', text: expect.stringMatching(/^\*\*No incident on the status page/) as unknown });
    expect(stepsOf(reply)[0]).toMatch(/^Wait a minute and send again/);
    expect(allText(reply)).not.toContain('Wait it out');
  });

  it('answers differently with and without an incident for the same paste', async () => {
    const open = await answer(greenStatus({ openIncidents: [incident()] }), PASTE_529);
    const quiet = await answer(greenStatus(), PASTE_529);
    expect(firstNotice(open)).not.toEqual(firstNotice(quiet));
    expect(open.summary).toMatch(/^Anthropic's side/);
    expect(quiet.summary).toMatch(/^No incident on the status page/);
  });

  it('warns about a GitHub spike when the page is still green', async () => {
    const live = greenStatus({
      community: { windowMinutes: 30, total: 7, byClass: { '529': 7 }, activeWarning: { errorClass: '529', reportCount: 7, since: '2026-11-04T15:05:00Z' } },
    });
    const reply = await answer(live, PASTE_529);
    expect(firstNotice(reply)).toMatchObject({ level: 'warning', text: expect.stringMatching(/not yet on the status page/) as unknown });
    expect(allText(reply)).toContain('GitHub reports are spiking: 7 reports of 529 errors since Nov 4, 15:05 UTC');
    expect(stepsOf(reply)[0]).toMatch(/^Wait it out/);
  });

  it('counts an incident that lists no components as relevant, and ignores one on claude.ai only', async () => {
    const unknown = await answer(greenStatus({ openIncidents: [incident({ components: [] })] }), '500');
    expect(firstNotice(unknown)).toMatchObject({ level: 'danger' });
    const webOnly = incident({ components: [{ id: 'rwppv331jlwc', name: 'claude.ai' }] });
    const elsewhere = await answer(greenStatus({ openIncidents: [webOnly] }), '500');
    expect(firstNotice(elsewhere)).toMatchObject({ level: 'info' });
  });

  it('keeps a local error local during an incident, and mentions the incident', async () => {
    const reply = await answer(greenStatus({ openIncidents: [incident()] }), 'Prompt is too long');
    expect(firstNotice(reply)).toMatchObject({ level: 'ok', text: expect.stringMatching(/^\*\*Your side, not an outage/) as unknown });
    expect(allText(reply)).toContain('There is also an open incident, probably unrelated');
    expect(stepsOf(reply)[0]).toMatch(/\/compact/);
  });

  it('sends Bedrock and Vertex errors to the cloud provider, not the status page', async () => {
    const reply = await answer(greenStatus({ openIncidents: [incident()] }), '{"name":"ThrottlingException","$metadata":{"httpStatusCode":429}}');
    expect(firstNotice(reply)).toMatchObject({ level: 'info', text: expect.stringMatching(/Amazon Bedrock are not covered by status\.claude\.com/) as unknown });
  });

  it('blames the gateway for another vendor body', async () => {
    const reply = await answer(greenStatus(), 'API Error: 400 {"object":"error","message":"bad","type":"BadRequestError","code":400}');
    expect(firstNotice(reply)).toMatchObject({ level: 'warning', text: expect.stringMatching(/^\*\*Your proxy or gateway/) as unknown });
  });

  it('flags stale status data and a status page never read', async () => {
    const stale = await answer(greenStatus({ stale: true, lastSuccessAt: '2026-11-04T13:00:00Z' }), '500');
    expect(allText(stale)).toContain('Status data is stale (last read Nov 4, 13:00 UTC)');
    const never = await answer(greenStatus({ lastSuccessAt: null, stale: true }), '500');
    // the verdict itself must not claim the page is green when it was never read, and says so once
    expect(firstNotice(never)).toMatchObject({ text: expect.stringContaining('The status page has not been read yet') });
    expect(allText(never)).not.toContain('No incident on the status page');
    expect(allText(never).match(/not been read yet/g)).toHaveLength(1);
    // a local error's verdict does not speak of the page, so the notice comes once, as a note
    const local = await answer(greenStatus({ lastSuccessAt: null, stale: true }), 'Prompt is too long');
    expect(allText(local).match(/not been read yet/g)).toHaveLength(1);
    // a Bedrock or Vertex error does not depend on Anthropic's page at all, so nothing is said about reading it
    const cloud = await answer(greenStatus({ lastSuccessAt: null, stale: true }), 'ThrottlingException: Too many tokens, please wait before trying again. (bedrock)');
    expect(allText(cloud)).toContain('does not cover Amazon Bedrock');
    expect(allText(cloud)).not.toContain('not been read yet');
  });

  it('still answers when the live status reader throws', async () => {
    const reply = await answer(() => {
      throw new Error('database is locked');
    }, PASTE_529);
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'API overloaded (529)' });
    expect(allText(reply)).toContain('Live status is unavailable');
  });
});

describe('fix command answer', () => {
  it('shows the request id back, the matched entry and a more link', async () => {
    const reply = await answer(greenStatus(), PASTE_529);
    const fields = reply.blocks.find((block) => block.type === 'fields');
    expect(fields).toMatchObject({
      fields: expect.arrayContaining([
        { label: 'Error', value: '529 overloaded_error' },
        { label: 'Request id (quote it when reporting)', value: '`req_011CZTEFvft13DajMTp9pp64`' },
      ]) as unknown,
    });
    expect(reply.blocks).toContainEqual({
      type: 'links',
      links: expect.arrayContaining([{ label: 'More', url: 'https://platform.claude.com/docs/en/api/errors' }]) as unknown,
    });
  });

  it('offers the closest entries when nothing matches', async () => {
    const reply = await answer(greenStatus(), 'my laptop fan is loud');
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'No exact match' });
    const bullets = reply.blocks.find((block) => block.type === 'bullets');
    expect(bullets?.type === 'bullets' ? bullets.items.length : 0).toBeGreaterThanOrEqual(2);
  });

  it('explains itself for an empty request', async () => {
    const reply = await answer(greenStatus(), '   ');
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'Fix a Claude error' });
  });

  it('is ephemeral unless the user asks to share', async () => {
    expect((await answer(greenStatus(), '529')).visibility).toBe('ephemeral');
    const shared = await answer(greenStatus(), '529 --share');
    expect(shared.visibility).toBe('in_channel');
    expect(shared.blocks[0]).toEqual({ type: 'header', text: 'API overloaded (529)' });
  });

  it('gives the same answer on console, Slack and Discord', async () => {
    const live = greenStatus({ openIncidents: [incident()] });
    const [console, slack, discord] = await Promise.all(
      (['console', 'slack', 'discord'] as const).map((platform) => answer(live, PASTE_529, platform)),
    );
    expect(slack).toEqual(console);
    expect(discord).toEqual(console);
  });

  it('uses only the two inline marks, balanced, so every renderer can translate them', async () => {
    for (const text of [PASTE_529, 'Prompt is too long', 'bedrock', 'my laptop fan is loud', 'API Error: 400 **bold** `tick` req_011CZTEFvft13DajMTp9pp64']) {
      const reply = await answer(greenStatus({ openIncidents: [incident({ name: 'Errors on `Opus **now' })] }), text);
      for (const block of reply.blocks) {
        const texts =
          block.type === 'fields'
            ? block.fields.map((field) => field.value)
            : block.type === 'bullets' || block.type === 'steps'
              ? block.items
              : 'text' in block
                ? [block.text]
                : [];
        for (const line of texts) {
          expect((line.match(/\*\*/g) ?? []).length % 2, line).toBe(0);
          expect((line.match(/`/g) ?? []).length % 2, line).toBe(0);
          expect(line).not.toMatch(/<[@#!]|\[[^\]]*\]\(/);
        }
      }
    }
  });
});
