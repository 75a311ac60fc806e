import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { startBot } from '../index.js';
import { renderReplyForConsole } from '../platforms/console/render-reply.js';
import { formatUtc } from '../shared/clock.js';
import { createLogger } from '../shared/logger.js';
import { claudeTimeline } from '../demo/claude-timeline.js';
import { createFakeStatuspage } from '../demo/statuspage-server.js';

export interface DemoOptions {
  write: (text: string) => void;
  /** Real time between steps of the timeline; the bot polls every second. */
  stepMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Replays a real incident from the Claude status page against an in-process fake
 * status page, with the real bot polling it every second: cards open, update and
 * resolve on the console in well under a minute, with no network and no tokens.
 */
export async function runDemo({ write, stepMs = 3_500 }: DemoOptions): Promise<number> {
  const steps = claudeTimeline();
  const [first, ...rest] = steps;
  if (!first) return 1;
  const page = await createFakeStatuspage({ state: first.state });
  const dir = mkdtempSync(join(tmpdir(), 'claude-outage-bot-demo-'));
  const config = loadConfig({
    STATUSPAGE_URL: page.url,
    POLL_INTERVAL_SECONDS: '1',
    DATABASE_PATH: join(dir, 'demo.db'),
    HTTP_PORT: '0',
  });
  const bot = await startBot({ config, logger: createLogger('error'), write, watchGithub: false });
  try {
    write(`Demo: replaying "Elevated errors on platform.claude.com" (status.claude.com, Oct 7 2026)\n`);
    write(`against a fake status page at ${page.url}; the bot polls it every second.\n\n`);
    await sleep(stepMs / 2);
    for (const [i, step] of rest.entries()) {
      write(`\n· page time ${formatUtc(step.at)} — ${step.label}\n`);
      page.setState(step.state);
      await sleep(stepMs);
      if (i === 1) {
        write('\n$ claude-outage-bot status   (what /claude-status answers right now)\n');
        const reply = await bot.commands.run({ command: 'status', text: '', platform: 'console', userId: 'demo', channelId: 'demo', isAdmin: true });
        write(`${renderReplyForConsole(reply)}\n`);
      }
    }
    write('\nDemo done: one card opened, each update threaded under it, and the close with its duration.\n');
    write('Run it for real with `npm start` (console) or set Slack/Discord tokens (see README).\n');
    return 0;
  } finally {
    await bot.stop();
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
