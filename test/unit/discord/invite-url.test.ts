import { PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { BOT_PERMISSIONS, buildInviteUrl } from '../../../src/platforms/discord/invite-url.js';

describe('buildInviteUrl', () => {
  it('asks for the bot and applications.commands scopes and exactly the permissions the bot uses', () => {
    const url = new URL(buildInviteUrl('1300000000000000001'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('1300000000000000001');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    const permissions = new PermissionsBitField(BigInt(url.searchParams.get('permissions')!));
    expect(permissions.toArray().sort()).toEqual(
      ['CreatePublicThreads', 'EmbedLinks', 'ManageThreads', 'ReadMessageHistory', 'SendMessages', 'SendMessagesInThreads', 'ViewChannel'].sort(),
    );
    expect(BOT_PERMISSIONS.bitfield).toBe(326417599488n);
  });
});
