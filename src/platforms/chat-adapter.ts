import type { Commands } from '../commands/create-commands.js';
import type { CheckMention } from '../commands/subscribe.js';
import type { RouteHandler } from '../http/create-http-server.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { SlackInstallationsTable } from '../store/slack-installations-table.js';
import type { SubscriptionsTable } from '../store/subscriptions-table.js';
import type { ChatPlatform } from './platform.js';

/** What the composition root hands each chat adapter. */
export interface ChatAdapterContext {
  commands: Commands;
  subscriptions: SubscriptionsTable;
  logger: Logger;
  clock: Clock;
  /**
   * Slack distribution: the installation store, removal of one workspace (installation + its
   * channels), and what a reinstall restores (the channels stopped for one of `reasons`).
   */
  slackWorkspaces?: {
    installations: SlackInstallationsTable;
    remove(teamId: string, reason: string): number;
    restore(teamId: string, reasons: readonly string[]): number;
  };
}

/**
 * A chat platform connection: the outbox's {@link ChatPlatform} plus the
 * inbound side (slash commands). `start` connects and fails with a clear,
 * actionable error on bad credentials; the bot then refuses to start.
 */
/** Whether a platform can take commands and alerts right now, for /readyz. */
export interface AdapterHealth {
  connected: boolean;
  /** What was seen: "socket mode connected", "gateway reconnecting since 12:03:10". */
  detail: string;
}

export interface ChatAdapter {
  platform: ChatPlatform;
  /** Connection state, cheap and synchronous (read from events the client emits). */
  health(): AdapterHealth;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Routes to mount on the bot's HTTP server (e.g. Slack's `/slack/events` in HTTP mode). */
  routes?: Record<string, RouteHandler>;
  /** Channels subscribed at start-up with default filters (e.g. SLACK_ALERT_CHANNELS). */
  alertChannels: string[];
  /** Checks that a ping target named in /claude-subscribe exists on this platform. */
  checkMention?: CheckMention;
}

export type ChatAdapterFactory = (context: ChatAdapterContext) => ChatAdapter;
