import { describe, expect, it } from 'vitest';
import { buildIncidentCard } from '../../../src/delivery/build-card.js';
import { cardAllowedMentions, renderCard as renderDiscordCard } from '../../../src/platforms/discord/render-card.js';
import { renderCard as renderSlackCard } from '../../../src/platforms/slack/render-card.js';
import type { Mention } from '../../../src/incidents/channel-policy.js';
import { incident } from '../../helpers/incident-builders.js';
import { allStrings } from '../../helpers/wait-until.js';

const hostile = incident('h1', [['investigating', '2026-11-25T10:00:00.000Z', 'Down <!channel> <!subteam^S0EVIL> <@U0EVIL> <@&910000000000000666> @everyone @here']], {
  name: 'Outage <!here> <@&910000000000000666>',
});
const card = (mention?: Mention) => ({ ...buildIncidentCard(hostile, { components: new Map() }), ...(mention ? { mention } : {}) });
const mentions = (value: unknown) => allStrings(value).flatMap((s) => s.match(/<[!@][^>]*>/g) ?? []);

describe('the one mention a card may carry', () => {
  it('Slack: only our user group or user, built from the id; feed mentions stay neutralised', () => {
    expect(new Set(mentions(renderSlackCard(card({ kind: 'slack_group', id: 'S0ONCALL' }))))).toEqual(new Set(['<!subteam^S0ONCALL>']));
    expect(new Set(mentions(renderSlackCard(card({ kind: 'slack_user', id: 'U0ALICE' }))))).toEqual(new Set(['<@U0ALICE>']));
    expect(mentions(renderSlackCard(card()))).toEqual([]);
    // A stored id that is not a Slack id (tampered row) mentions nobody; a Discord role is not Slack's.
    expect(mentions(renderSlackCard(card({ kind: 'slack_group', id: 'S0|<!channel>' })))).toEqual([]);
    expect(mentions(renderSlackCard(card({ kind: 'discord_role', id: '910000000000000042' })))).toEqual([]);
  });

  it('Discord: the role in content, allowed_mentions exactly that role; feed text neutralised', () => {
    const parts = renderDiscordCard(card({ kind: 'discord_role', id: '910000000000000042' }));
    expect(parts.content).toBe('<@&910000000000000042>');
    // Discord's own mention forms (<@id>, <@!id>, <@&id>) never survive in the embeds.
    expect(JSON.stringify(parts.embeds)).not.toMatch(/<@[!&]?\d+>/);
    expect(JSON.stringify(parts.embeds)).not.toMatch(/(^|[^\u200b])@(everyone|here)/);
    expect(cardAllowedMentions(card({ kind: 'discord_role', id: '910000000000000042' }))).toEqual({ parse: [], roles: ['910000000000000042'] });
    for (const other of [undefined, { kind: 'discord_role', id: '1 <@&2>' }, { kind: 'slack_group', id: 'S0ONCALL' }] as Array<Mention | undefined>) {
      expect(renderDiscordCard(card(other)).content).toBeUndefined();
      expect(cardAllowedMentions(card(other))).toEqual({ parse: [] });
    }
  });
});
