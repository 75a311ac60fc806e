import type { WantedMention } from '../../commands/parse-policy-setting.js';
import type { MentionCheck } from '../../commands/subscribe.js';
import type { WebClient } from './slack-clients.js';

interface Usergroup {
  id?: string;
  handle?: string;
  name?: string;
  date_delete?: number;
}

/**
 * Checks that a ping target named in /claude-subscribe exists: a user group through
 * `usergroups.list` (scope usergroups:read), a user through `users.info`.
 * @see https://docs.slack.dev/reference/methods/usergroups.list
 * @see https://docs.slack.dev/reference/methods/users.info
 */
export async function checkSlackMention(client: WebClient, wanted: WantedMention): Promise<MentionCheck> {
  if (wanted.kind === 'discord_role') return { ok: false, problem: 'That is a Discord role; in Slack name a user group (`ping:@oncall`) or a user.' };
  try {
    if (wanted.kind === 'slack_user') {
      const res = await client.users.info({ user: wanted.id });
      const name = (res.user as { name?: string } | undefined)?.name ?? wanted.id;
      return { ok: true, mention: { kind: 'slack_user', id: wanted.id }, label: `user \`${name}\`` };
    }
    const res = await client.usergroups.list({ include_disabled: false });
    const groups = ((res.usergroups ?? []) as Usergroup[]).filter((g) => !g.date_delete);
    const byId = wanted.kind === 'slack_group' ? wanted.id : null;
    const byHandle = wanted.kind === 'slack_handle' ? wanted.handle : null;
    const group = groups.find((g) => (byId !== null ? g.id === byId : g.handle?.toLowerCase() === byHandle));
    const asked = byId ?? `@${byHandle ?? ''}`;
    if (!group?.id) return { ok: false, problem: `There is no user group ${asked} in this workspace. Check its handle under People → User groups, then try again.` };
    return { ok: true, mention: { kind: 'slack_group', id: group.id }, label: `user group \`@${group.handle ?? group.id}\`` };
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? 'unknown_error';
    if (code === 'missing_scope') return { ok: false, problem: 'The bot cannot read user groups: add the `usergroups:read` scope (slack-app-manifest.yml) and reinstall the app.' };
    if (code === 'user_not_found') return { ok: false, problem: 'There is no such user in this workspace.' };
    return { ok: false, problem: `Slack could not check the ping target (${code}); try again in a minute.` };
  }
}
