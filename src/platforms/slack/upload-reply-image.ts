import type { ReplyImage } from '../../commands/reply.js';
import type { Logger } from '../../shared/logger.js';
import type { WebClient } from './slack-clients.js';

/** What to tell the person whose chart could not be posted, by Slack error code. */
const FIXES: Record<string, string> = {
  missing_scope: 'the app lacks the `files:write` scope: add it (see slack-app-manifest.yml) and reinstall the app',
  not_in_channel: 'the bot is not in this channel: invite it with `/invite @claude-outage-bot`',
  channel_not_found: 'the bot cannot see this channel: invite it with `/invite @claude-outage-bot`',
  not_allowed_token_type: 'SLACK_BOT_TOKEN must be the bot token (xoxb-)',
  chart_failed: 'the chart could not be drawn; the numbers above are complete',
};

const slackCode = (error: unknown): string => {
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : ((error as { code?: string }).code ?? 'upload_failed');
};

/**
 * Posts a reply's image into the channel with the files upload v2 flow
 * (files.getUploadURLExternal, a POST of the bytes, files.completeUploadExternal).
 * @returns null when posted, else a sentence saying why not and what to do.
 * @see https://docs.slack.dev/messaging/working-with-files#uploading_files
 */
export async function uploadReplyImage(client: WebClient, channelId: string, image: ReplyImage, logger: Logger): Promise<string | null> {
  let png: Uint8Array;
  try {
    png = await image.render();
  } catch (error) {
    logger.warn({ channelId, err: String(error) }, 'could not draw a chart');
    return `I could not post the chart here (chart_failed): ${FIXES.chart_failed}.`;
  }
  try {
    await client.filesUploadV2({
      channel_id: channelId,
      file: Buffer.from(png),
      filename: image.filename,
      title: image.title,
      alt_text: image.altText,
    });
    return null;
  } catch (error) {
    const code = slackCode(error);
    logger.warn({ channelId, code }, 'could not upload a chart to slack');
    return `I could not post the chart here (${code}): ${FIXES[code] ?? 'try again in a minute'}.`;
  }
}
