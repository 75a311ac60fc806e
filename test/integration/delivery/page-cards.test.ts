import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../../src/delivery/outbox-worker.js';
import { scopeForPage } from '../../../src/incidents/page-scope.js';
import { labelCardsByPage } from '../../../src/main/label-cards-by-page.js';
import { createRecordingPlatform, type RecordingPlatform } from '../../../src/platforms/recording-platform.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { scopeSnapshot } from '../../../src/sources/scope-to-page.js';
import { applyPoll } from '../../../src/store/apply-poll.js';
import type { Store } from '../../../src/store/create-store.js';
import { component, incident, snapshot } from '../../helpers/incident-builders.js';
import { createTempStore, describeEachEngine } from '../../helpers/temp-store.js';

describeEachEngine('page-cards', (engine) => {
  const T0 = new Date(Date.now() - 60_000).toISOString();
  const API = 'Claude API (api.anthropic.com)';
  let store: Store;
  let cleanup: () => void;
  let slack: RecordingPlatform;

  const poll = (page: string, ...args: Parameters<typeof snapshot>) => applyPoll(store, scopeSnapshot(snapshot(...args), scopeForPage(page)), { etags: {} }, new Date());
  const deliver = async () => {
    const worker = createOutboxWorker({ store, platforms: [labelCardsByPage(slack, (id) => (id === 'openai' ? 'OpenAI' : 'Claude'))], logger: createSilentLogger(), clock: { now: () => new Date() } });
    while ((await worker.runOnce()) > 0);
  };

  beforeEach(() => {
    ({ store, cleanup } = createTempStore(engine));
    store.subscriptions.ensure('slack', 'C1', T0);
    slack = createRecordingPlatform('slack');
  });
  afterEach(() => cleanup());

  describe('cards of several pages', () => {
    it('each card names its page, so two incidents with one code and one name read apart', async () => {
      poll('claude', [], [component('c1', API)]);
      poll('openai', [], [component('c1', API)]);
      poll('claude', [incident('a1', [['investigating', T0]])], [component('c1', API, 'major_outage')]);
      poll('openai', [incident('a1', [['investigating', T0]])], [component('c1', API)]);
      await deliver();
      const titles = slack.calls.flatMap((c) => (c.op === 'post' ? [c.card.title] : []));
      expect(titles).toEqual(['Claude · Incident a1', 'OpenAI · Incident a1']);
    });

    it('another page\'s component of the same name does not count as covered by this page\'s incident', async () => {
      poll('claude', [], [component('c1', API)]);
      poll('openai', [], [component('o1', API)]);
      poll('claude', [incident('a1', [['investigating', T0]])], [component('c1', API)]);
      await deliver();
      // openai's "API" breaks while claude's incident (which lists that name) is open: its own notice.
      poll('openai', [], [component('o1', API, 'partial_outage')]);
      await deliver();
      const posts = slack.calls.flatMap((c) => (c.op === 'post' ? [c.card] : []));
      expect(posts.map((c) => [c.kind, c.title])).toEqual([
        ['incident', 'Claude · Incident a1'],
        ['component', `OpenAI · ${API}: Partial outage`],
      ]);
    });
  });
});
