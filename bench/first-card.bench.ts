import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { claudeTimeline } from '../src/demo/claude-timeline.js';
import { createFakeStatuspage } from '../src/demo/statuspage-server.js';

/**
 * The built bot (`npm start`) with no tokens against a local status page: seconds from the incident
 * appearing on the page to its card on stdout, and from process start to the first poll.
 */
export async function benchFirstCard(pollSeconds = 5, rounds = 3): Promise<string[]> {
  const notes: string[] = [];
  for (let r = 0; r < rounds; r++) {
    const steps = claudeTimeline();
    const page = await createFakeStatuspage({ state: steps[0]!.state });
    const dir = mkdtempSync(join(tmpdir(), 'cob-bench-start-'));
    const root = fileURLToPath(new URL('..', import.meta.url));
    const spawnedAt = Date.now();
    // As `npm start` runs it: node on the build (npm run bench builds first).
    const child = spawn(process.execPath, ['dist/src/cli.js', 'start'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', STATUSPAGE_URL: page.url, POLL_INTERVAL_SECONDS: String(pollSeconds), DATABASE_PATH: join(dir, 'b.db'), HTTP_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const until = async (p: () => boolean) => {
      const deadline = Date.now() + 60_000;
      while (!p()) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise((res) => setTimeout(res, 10));
      }
    };
    await until(() => err.includes('first read of the status page stored'));
    const readyMs = Date.now() - spawnedAt;
    // Let the incident appear at a random moment within the poll interval.
    await new Promise((res) => setTimeout(res, Math.random() * pollSeconds * 1000));
    page.setState(steps[1]!.state);
    const shownAt = Date.now();
    await until(() => out.includes('┌─'));
    notes.push(`first card: ${((Date.now() - shownAt) / 1000).toFixed(2)} s after the incident appeared (POLL_INTERVAL_SECONDS=${pollSeconds}, bound ${pollSeconds + 2} s); process start → first poll stored ${(readyMs / 1000).toFixed(2)} s`);
    child.kill('SIGTERM');
    await new Promise((res) => child.once('exit', res));
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return notes;
}
