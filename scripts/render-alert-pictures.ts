// `npm run picture`: renders the bot's own Slack Block Kit and Discord embed output for
// a real Claude incident into small HTML pages styled like each app, and screenshots them
// with headless Chromium into docs/alert-card-{slack,discord}.png (the README's pictures).
// Needs `chromium` on PATH (Debian: apt-get install -y chromium). Not part of npm test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIncidentCard } from '../src/delivery/build-card.js';
import { claudeTimeline } from '../src/demo/claude-timeline.js';
import { parseIncidentsJson, parseSummaryJson } from '../src/sources/statuspage-json.js';
import { renderCard as renderDiscord } from '../src/platforms/discord/render-card.js';
import { renderCard as renderSlack } from '../src/platforms/slack/render-card.js';
import { discordPage, slackPage } from './alert-card-html.js';

const OUT = new URL('../docs/', import.meta.url);

/** The real incident 978mjkgw6mh7 at its "Identified" update, read by the bot's own parsers. */
function realCard() {
  const step = claudeTimeline().find((s) => s.label.startsWith('identified:'));
  if (!step) throw new Error('the timeline has no Identified step');
  const body = JSON.stringify({ page: step.state.page, components: step.state.components, incidents: step.state.incidents });
  const options = { url: 'https://status.claude.com/api/v2/summary.json', baseUrl: 'https://status.claude.com' };
  const summary = parseSummaryJson(body, options);
  const [incident] = parseIncidentsJson(body, options);
  if (!incident) throw new Error('no incident in the timeline step');
  return buildIncidentCard(incident, { components: new Map(summary.components.map((c) => [c.id, c])) });
}

function screenshot(html: string, file: string, size: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'cob-picture-'));
  try {
    const page = join(dir, 'card.html');
    writeFileSync(page, html);
    const png = new URL(file, OUT).pathname;
    execFileSync(
      'chromium',
      ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--user-data-dir=${join(dir, 'profile')}`, `--window-size=${size}`, `--screenshot=${png}`, `file://${page}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    console.log(`wrote docs/${file}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const card = realCard();
screenshot(slackPage(renderSlack(card)), 'alert-card-slack.png', '760,370');
screenshot(discordPage(renderDiscord(card)), 'alert-card-discord.png', '760,415');
