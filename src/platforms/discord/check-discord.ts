import type { Config } from '../../config/load-config.js';
import { describeFetchError, fail, ok, readJson, timedFetch, type DoctorContext, type DoctorResult } from '../../shared/doctor-result.js';

const TOKEN_FIX = 'Reset the token in the Developer Portal → your application → Bot → Reset Token, and set DISCORD_TOKEN to it.';
const REACH_FIX = 'Check DISCORD_API_URL and the network from this host (DNS, proxy, firewall).';

/**
 * Discord for `doctor`: `GET /users/@me` proves the bot token; `GET /applications/@me`
 * (or the older `/oauth2/applications/@me`) says which application it belongs to, which
 * must be DISCORD_APPLICATION_ID or slash commands register under the wrong one.
 * @see https://discord.com/developers/docs/resources/user#get-current-user
 * @see https://discord.com/developers/docs/resources/application#get-current-application
 */
export async function checkDiscord(config: Config['discord'], ctx: DoctorContext): Promise<DoctorResult[]> {
  if (!config.token) return [];
  const api = `${config.apiUrl}/v10`;
  const get = async (path: string) => {
    const { response, ms } = await timedFetch(ctx, `${api}${path}`, { headers: { authorization: `Bot ${config.token}` } });
    return { status: response.status, body: await readJson(response), ms };
  };
  try {
    const me = await get('/users/@me');
    if (me.status === 401) return [fail('discord', 'Discord refused DISCORD_TOKEN (401 Unauthorized)', TOKEN_FIX)];
    if (me.status !== 200 || typeof me.body?.id !== 'string') return [fail('discord', `${api}/users/@me: HTTP ${me.status}`, REACH_FIX)];
    const results = [ok('discord', `bot token accepted: ${String(me.body.username)} (${me.body.id}), ${me.ms} ms`)];
    let app = await get('/applications/@me');
    if (app.status === 404) app = await get('/oauth2/applications/@me');
    const id = typeof app.body?.id === 'string' ? app.body.id : null;
    if (!id) results.push(fail('discord app', `could not read the token's application (HTTP ${app.status})`, REACH_FIX));
    else if (id !== config.applicationId) {
      results.push(fail('discord app', `the token belongs to application ${id}, DISCORD_APPLICATION_ID is ${config.applicationId ?? '(empty)'}`, `Set DISCORD_APPLICATION_ID=${id}, or use the token of application ${config.applicationId ?? ''}.`));
    } else results.push(ok('discord app', `application ${id} matches DISCORD_APPLICATION_ID`));
    return results;
  } catch (error) {
    return [fail('discord', `${api}/users/@me: ${describeFetchError(error, ctx.timeoutMs)}`, REACH_FIX)];
  }
}
