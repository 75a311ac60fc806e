import { Routes, type APIRole, type REST } from 'discord.js';
import type { WantedMention } from '../../commands/parse-policy-setting.js';
import type { MentionCheck } from '../../commands/subscribe.js';
import type { CommandRequest } from '../../commands/reply.js';
import { classifyDiscordError } from './classify-discord-error.js';

/**
 * Checks that a role named in /claude-subscribe exists in the server the command came
 * from. @everyone (whose id is the guild's) is refused: it is never a ping target.
 * @see https://discord.com/developers/docs/resources/guild#get-guild-roles
 */
export async function checkDiscordRole(rest: REST, request: CommandRequest, wanted: WantedMention): Promise<MentionCheck> {
  if (wanted.kind !== 'discord_role') return { ok: false, problem: 'In Discord, name a role to ping (pick it in the `ping` option).' };
  if (!request.guildId) return { ok: false, problem: 'Pings need a server channel; this command did not come from a server.' };
  if (wanted.id === request.guildId) return { ok: false, problem: 'The everyone role cannot be pinged by this bot; make a role for the people on call.' };
  try {
    const roles = (await rest.get(Routes.guildRoles(request.guildId))) as APIRole[];
    const role = roles.find((r) => r.id === wanted.id);
    if (!role) return { ok: false, problem: `There is no role ${wanted.id} in this server; pick one from the list in the \`ping\` option.` };
    return { ok: true, mention: { kind: 'discord_role', id: role.id }, label: `role \`${role.name.replace(/[`@]/g, '')}\`` };
  } catch (error) {
    const failure = classifyDiscordError(error);
    return { ok: false, problem: `Discord could not list this server's roles (${failure.code}); check the bot is still in the server, then try again.` };
  }
}
