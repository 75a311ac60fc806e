import { describe, expect, it } from 'vitest';
import { parseSubscriptionArgs } from '../../../src/commands/parse-subscription-args.js';
import type { IncidentEvent } from '../../../src/incidents/events.js';
import { wantsEvent, type Subscription } from '../../../src/incidents/subscription.js';
import { incident } from '../../helpers/incident-builders.js';

const T0 = '2026-11-25T10:00:00.000Z';
const sub = (pages: string[] | null): Subscription => ({ id: 1, platform: 'console', channelId: 'c', components: null, minImpact: 'none', earlyWarnings: true, pages, maintenance: true, enabled: true, disabledReason: null });
const opened = (key: string): IncidentEvent => ({ kind: 'opened', dedupKey: `open:${key}`, incidentKey: key, at: T0 });
const componentEvent = (id: string): IncidentEvent => ({ kind: 'component_changed', dedupKey: `c:${id}`, incidentKey: null, at: T0, componentId: id, componentName: 'API', from: 'operational', to: 'major_outage' });
const NAMES = ['API', 'Claude Code'];
const CURRENT = { components: ['Claude Code'], minImpact: 'major' as const, earlyWarnings: true };

describe('subscriptions by page', () => {
  it('a channel that chose pages hears only theirs; no choice hears every page', () => {
    const claude = incident('a1', [['investigating', T0]]);
    const openai = { ...claude, key: 'openai:a1' };
    expect(wantsEvent(sub(['openai']), opened('openai:a1'), openai)).toBe(true);
    expect(wantsEvent(sub(['openai']), opened('statuspage:a1'), claude)).toBe(false);
    expect(wantsEvent(sub(['claude']), componentEvent('openai:c1'), null)).toBe(false);
    expect(wantsEvent(sub(['openai']), componentEvent('openai:c1'), null)).toBe(true);
    expect(wantsEvent(sub(null), opened('openai:a1'), openai)).toBe(true);
    expect(wantsEvent({ ...sub(null), pages: undefined }, componentEvent('c1'), null)).toBe(true);
  });

  it('early warnings are about no page: the warnings switch alone decides', () => {
    const warning: IncidentEvent = { kind: 'early_warning', dedupKey: 'w', incidentKey: 'github:x', at: T0, errorClass: 'overloaded', reportCount: 3, windowMinutes: 30 };
    expect(wantsEvent(sub(['openai']), warning, null)).toBe(true);
  });

  it('parses page:<id>[,<id>] and page:all, keeping the components and impact it was given alone', () => {
    const one = parseSubscriptionArgs('page:openai', NAMES, CURRENT, undefined, 'console', ['claude', 'openai']);
    expect(one).toMatchObject({ ok: true, filters: { components: ['Claude Code'], minImpact: 'major', pages: ['openai'] } });
    const two = parseSubscriptionArgs('API, Claude Code critical page:claude,openai', NAMES, CURRENT, undefined, 'console', ['claude', 'openai']);
    expect(two).toMatchObject({ ok: true, filters: { components: ['API', 'Claude Code'], minImpact: 'critical', pages: ['claude', 'openai'] } });
    const all = parseSubscriptionArgs('page:all', NAMES, CURRENT, undefined, 'console', ['claude', 'openai']);
    expect(all).toMatchObject({ ok: true, filters: { pages: null } });
    // no page word: the channel's choice is left as it is (undefined = unchanged)
    const none = parseSubscriptionArgs('critical', NAMES, CURRENT, undefined, 'console', ['claude', 'openai']);
    expect(none.ok && none.filters.pages).toBeUndefined();
  });

  it('refuses a page it does not watch, naming the ones it does', () => {
    expect(parseSubscriptionArgs('page:gitlab', NAMES, CURRENT, undefined, 'console', ['claude', 'openai'])).toEqual({
      ok: false,
      problem: '"gitlab" is not a page I watch: use page:claude,openai (or page:all).',
    });
  });
});
