import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { configProblems } from '../../helpers/config-problems.js';

const problemsOf = configProblems;

describe('STATUS_PAGES', () => {
  it('defaults to the claude page alone, on STATUSPAGE_URL and its fallbacks', () => {
    expect(loadConfig({}).statusPages).toEqual([{ id: 'claude', url: 'https://status.claude.com', fallbackUrls: [] }]);
    const config = loadConfig({ STATUSPAGE_URL: 'http://127.0.0.1:1', STATUSPAGE_FALLBACK_URLS: 'https://anthropic.statuspage.io' });
    expect(config.statusPages).toEqual([{ id: 'claude', url: 'http://127.0.0.1:1', fallbackUrls: ['https://anthropic.statuspage.io'] }]);
  });

  it('reads several pages, each with its own fallbacks after "|", in the order given', () => {
    const config = loadConfig({
      STATUSPAGE_FALLBACK_URLS: 'https://anthropic.statuspage.io',
      STATUS_PAGES: 'openai=https://status.openai.com|https://openai.statuspage.io, claude',
    });
    expect(config.statusPages).toEqual([
      { id: 'openai', url: 'https://status.openai.com', fallbackUrls: ['https://openai.statuspage.io'] },
      { id: 'claude', url: 'https://status.claude.com', fallbackUrls: ['https://anthropic.statuspage.io'] },
    ]);
    // claude=<url> works too when STATUSPAGE_URL is not also set
    expect(loadConfig({ STATUS_PAGES: 'claude=http://127.0.0.1:2' }).statusPages[0]).toMatchObject({ id: 'claude', url: 'http://127.0.0.1:2' });
  });

  it('names each bad entry and the fix', () => {
    expect(problemsOf({ STATUS_PAGES: 'Open AI=https://status.openai.com' })[0]).toContain('page id must be lower-case');
    expect(problemsOf({ STATUS_PAGES: 'github=https://www.githubstatus.com' })[0]).toContain('not statuspage, github');
    expect(problemsOf({ STATUS_PAGES: 'openai=https://a.example,openai=https://b.example' })[0]).toContain('listed twice');
    expect(problemsOf({ STATUS_PAGES: 'openai=status.openai.com' })[0]).toContain('is not an http(s) URL');
    expect(problemsOf({ STATUS_PAGES: 'openai' })[0]).toContain('needs a URL, e.g. openai=https://status.openai.com');
    expect(problemsOf({ STATUS_PAGES: 'claude=https://a.example', STATUSPAGE_URL: 'https://b.example' })[0]).toContain('list it as plain "claude"');
  });

  it('keeps the webhook secret out of error messages and wants a long one', () => {
    const [problem] = problemsOf({ STATUSPAGE_WEBHOOK_SECRET: 'short-secret' });
    expect(problem).toContain('at least 16 characters');
    expect(problem).not.toContain('short-secret');
    expect(loadConfig({ STATUSPAGE_WEBHOOK_SECRET: 'x'.repeat(24) }).statuspageWebhookSecret).toBe('x'.repeat(24));
    expect(loadConfig({}).statuspageWebhookSecret).toBeNull();
  });
});
