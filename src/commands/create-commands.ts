import type { LiveStatusReader } from '../incidents/live-status.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Clock } from '../shared/clock.js';
import type { SubscriptionsTable } from '../store/subscriptions-table.js';
import { createFixCommand } from './fix.js';
import { createIncidentsCommand, type IncidentsCommandOptions } from './incidents.js';
import type { CommandHandler, CommandName, CommandRequest, Reply } from './reply.js';
import { createStatusCommand } from './status.js';
import { createSubscribeCommand, createUnsubscribeCommand, type CheckMention } from './subscribe.js';
import type { ChannelPolicyTable } from '../store/channel-policy-table.js';

export interface CommandsOptions {
  getLiveStatus: LiveStatusReader;
  knowledge: KnowledgeBase;
  subscriptions: SubscriptionsTable;
  clock: Clock;
  statusPageUrl: string;
  whoMayChange?: (platform: CommandRequest['platform']) => string;
  /** Alert policy per channel (flaps, reminders, pings, quiet hours), shown and set by /claude-subscribe. */
  policies?: ChannelPolicyTable;
  checkMention?: CheckMention;
  /** Incident history for /claude-incidents; without it the command says history is not kept. */
  history?: Pick<IncidentsCommandOptions, 'readHistory' | 'componentNames' | 'renderChart' | 'pages'>;
}

export type Commands = Record<CommandName, CommandHandler> & {
  /** Runs a request, turning any unexpected failure into a polite reply. */
  run(request: CommandRequest): Promise<Reply>;
};

const WHO: Record<CommandRequest['platform'], string> = {
  slack: 'workspace admins and owners (or users listed in SLACK_ADMIN_USER_IDS)',
  discord: 'members with the Manage Channels permission',
  console: 'the operator',
};

/** Every slash command, platform-neutral. Platforms parse their payloads into a CommandRequest and render the Reply. */
export function createCommands(options: CommandsOptions): Commands {
  const subscribeOptions = {
    subscriptions: options.subscriptions,
    getLiveStatus: options.getLiveStatus,
    clock: options.clock,
    whoMayChange: options.whoMayChange ?? ((platform: CommandRequest['platform']) => WHO[platform]),
    policies: options.policies,
    checkMention: options.checkMention,
  };
  const handlers: Record<CommandName, CommandHandler> = {
    status: createStatusCommand({ getLiveStatus: options.getLiveStatus, clock: options.clock, statusPageUrl: options.statusPageUrl }),
    fix: createFixCommand({ knowledge: options.knowledge, getLiveStatus: options.getLiveStatus, clock: options.clock }),
    subscribe: createSubscribeCommand(subscribeOptions),
    unsubscribe: createUnsubscribeCommand(subscribeOptions),
    incidents: options.history
      ? createIncidentsCommand({ ...options.history, clock: options.clock, statusPageUrl: options.statusPageUrl })
      : () => ({ blocks: [{ type: 'notice', level: 'info', text: 'Incident history is not kept by this bot.' }], visibility: 'ephemeral', summary: 'No incident history.' }),
  };
  return {
    ...handlers,
    async run(request) {
      try {
        return await handlers[request.command](request);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return {
          blocks: [{ type: 'notice', level: 'danger', text: `Something went wrong answering that command (${message.slice(0, 200)}). Please try again.` }],
          visibility: 'ephemeral',
          summary: 'The command failed.',
        };
      }
    },
  };
}
