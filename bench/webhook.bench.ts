import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load-config.js';
import { claudeTimeline } from '../src/demo/claude-timeline.js';
import { createFakeStatuspage } from '../src/demo/statuspage-server.js';
import { startBot } from '../src/index.js';
import { createSilentLogger } from '../src/shared/logger.js';

const SECRET = 'bench-webhook-secret-0123456789';

/**
 * Webhook → card: a Statuspage webhook for a new incident POSTed to the running bot (in
 * this process, console only, polls a minute apart so only the webhook can bring the card),
 * timed from the request being sent to the card's text reaching the console writer. Covers
 * the HTTP answer, the queue, the store transaction, the outbox and the render.
 * Floor: p95 under 1 s.
 */
export async function benchWebhookCard(rounds = Number(process.env.BENCH_WEBHOOK_ROUNDS ?? 40)): Promise<string[]> {
  const steps = claudeTimeline();
  const page = await createFakeStatuspage({ state: steps[0]!.state });
  const dir = mkdtempSync(join(tmpdir(), 'cob-bench-webhook-'));
  const written: Array<{ text: string; at: number }> = [];
  const config = loadConfig({ STATUSPAGE_URL: page.url, POLL_INTERVAL_SECONDS: '60', DATABASE_PATH: join(dir, 'b.db'), HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', GITHUB_API_URL: 'http://127.0.0.1:9', STATUSPAGE_WEBHOOK_SECRET: SECRET });
  const bot = await startBot({ config, logger: createSilentLogger(), write: (text) => void written.push({ text, at: performance.now() }), watchGithub: false, backfillHistory: false });
  const url = `http://127.0.0.1:${bot.http!.port}/webhooks/statuspage/claude?secret=${SECRET}`;
  const template = steps[1]!.state.incidents[0]!;
  const latencies: number[] = [];
  const answers: number[] = [];
  try {
    while (bot.store.pollState.get('statuspage').lastSuccessAt === null) await new Promise((r) => setTimeout(r, 20));
    for (let i = 0; i < rounds; i++) {
      const id = `bench${String(i).padStart(7, '0')}`;
      const name = `Bench incident ${i}`;
      const body = JSON.stringify({ meta: {}, page: { id: 'p' }, incident: { ...template, id, name, incident_updates: template.incident_updates.map((u) => ({ ...u, id: `${u.id}${i}` })) } });
      const sentAt = performance.now();
      const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      answers.push(performance.now() - sentAt);
      if (res.status !== 202) throw new Error(`webhook answered ${res.status}`);
      const deadline = Date.now() + 10_000;
      let shown: number | undefined;
      while ((shown = written.find((w) => w.text.includes(name))?.at) === undefined) {
        if (Date.now() > deadline) throw new Error(`no card for ${name}`);
        await new Promise((r) => setTimeout(r, 1));
      }
      latencies.push(shown - sentAt);
      // Spread out like real webhooks, not a burst.
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    await bot.stop();
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const q = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))] ?? 0;
  const p95 = q(latencies, 0.95);
  return [
    `- webhook → card on the console, ${rounds} new incidents one after another: p50 ${q(latencies, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
    `- webhook answered (202) p50 ${q(answers, 0.5).toFixed(1)} ms, p95 ${q(answers, 0.95).toFixed(1)} ms (Statuspage wants an answer within 30 s)`,
    `- floor, webhook → card p95 under 1 s: ${p95 < 1_000 ? 'met' : 'NOT met'} (${(p95 / 1000).toFixed(3)} s)`,
  ];
}
