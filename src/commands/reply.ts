/**
 * The neutral reply model every command returns and every platform renders
 * (Slack Block Kit, Discord embeds/markdown, console text).
 *
 * Text may carry two inline marks only, `**bold**` and `` `code` ``; renderers
 * translate them. All text is treated as untrusted: renderers neutralise mentions.
 */
export type ReplyBlock =
  | { type: 'header'; text: string }
  | { type: 'text'; text: string }
  | { type: 'notice'; level: 'info' | 'ok' | 'warning' | 'danger'; text: string }
  | { type: 'fields'; fields: Array<{ label: string; value: string }> }
  | { type: 'bullets'; items: string[] }
  | { type: 'steps'; items: string[] }
  | { type: 'code'; text: string }
  | { type: 'links'; links: Array<{ label: string; url: string }> }
  | { type: 'divider' };

/**
 * A picture that goes with a reply (a chart): uploaded on Slack, attached on Discord,
 * left out on the console. Drawn on demand, so a platform that must answer fast (Slack's
 * 3-second ack) answers first and draws after, and one that shows no picture never draws.
 */
export interface ReplyImage {
  /** Draws the PNG; may reject (the reply's words stand without it). */
  render(): Promise<Uint8Array>;
  /** e.g. claude-incidents-90d.png */
  filename: string;
  /** Also the upload's title. */
  title: string;
  /** What the picture shows, for screen readers. */
  altText: string;
}

export interface Reply {
  blocks: ReplyBlock[];
  /** Optional picture; a renderer that cannot show it ignores it (the blocks say the same in words). */
  image?: ReplyImage;
  /** Ephemeral (only the asker sees it) unless the user asked to share it. */
  visibility: 'ephemeral' | 'in_channel';
  /** One-line plain summary for notifications and clients without rich rendering. */
  summary: string;
}

export const COMMAND_NAMES = ['status', 'fix', 'subscribe', 'unsubscribe', 'incidents'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export interface CommandRequest {
  command: CommandName;
  /** Everything after the command name, as typed. */
  text: string;
  platform: 'console' | 'slack' | 'discord';
  userId: string;
  channelId: string;
  /** Resolved by the platform: workspace admin / Manage Channels / CLI operator. */
  isAdmin: boolean;
  /** Discord: the server the command came from (a ping role is checked against it). */
  guildId?: string;
  /** Slack, when the bot serves several workspaces: the team the command came from. */
  workspaceId?: string;
}

export type CommandHandler = (request: CommandRequest) => Reply | Promise<Reply>;
