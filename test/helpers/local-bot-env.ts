import { join } from 'node:path';

/**
 * The environment every end-to-end bot runs with: the fake status page, a fast poll,
 * a database in the test's folder, a free HTTP port, and GitHub search on a closed
 * local port (tests talk to 127.0.0.1 only, never the real API).
 */
export function localBotEnv(statuspageUrl: string, dir: string): Record<string, string> {
  return {
    STATUSPAGE_URL: statuspageUrl,
    GITHUB_API_URL: 'http://127.0.0.1:9',
    POLL_INTERVAL_SECONDS: '1',
    DATABASE_PATH: join(dir, 'bot.db'),
    HTTP_PORT: '0',
  };
}
