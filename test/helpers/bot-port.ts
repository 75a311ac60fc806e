import type { BotProcess } from './spawn-bot.js';

/** The HTTP port a spawned bot logged at start-up (HTTP_PORT=0 picks a free one). */
export async function botPort(bot: BotProcess): Promise<number> {
  const started = /"port":(\d+)[^\n]*claude-outage-bot started/;
  await bot.waitFor((_, err) => started.test(err), 'the bot to start');
  return Number(started.exec(bot.stderr())?.[1]);
}
