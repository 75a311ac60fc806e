import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeStatuspage, type FakeStatuspage } from '../../../src/demo/statuspage-server.js';
import { localBotEnv } from '../../helpers/local-bot-env.js';

/** Platform libraries are loaded only when their platform is configured (checked in a fresh process). */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);
let fake: FakeStatuspage;
let dir: string;

beforeEach(async () => {
  fake = await createFakeStatuspage();
  dir = mkdtempSync(join(tmpdir(), 'cob-lazy-'));
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function loadedLibraries(extraEnv: Record<string, string>): Promise<string[]> {
  const env = { PATH: process.env.PATH ?? '', ...localBotEnv(fake.url, dir), LOG_LEVEL: 'silent', ...extraEnv };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/helpers/list-platform-libraries.ts'], { cwd: ROOT, env, timeout: 30_000 });
  return (JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { libraries: string[] }).libraries;
}

describe('platform libraries', () => {
  it('a console-only bot loads neither discord.js nor Bolt', async () => {
    expect(await loadedLibraries({})).toEqual([]);
  }, 40_000);

  it('a bot with a Discord token loads discord.js and still not Bolt (so the check can see a loaded library)', async () => {
    const libraries = await loadedLibraries({ DISCORD_TOKEN: 'fake-discord-token-0123456789', DISCORD_APPLICATION_ID: '123456789012345678' });
    expect(libraries).toContain('discord.js');
    expect(libraries).not.toContain('@slack/bolt');
  }, 40_000);
});
