import { DEFAULT_POLICY, type ChannelPolicy } from '../incidents/channel-policy.js';
import { IMPACTS, type Impact } from '../incidents/model.js';
import type { SubscriptionFilters } from '../store/subscriptions-table.js';
import { applyPolicyWord, type WantedMention } from './parse-policy-setting.js';

export type ParsedSubscriptionArgs =
  | {
      ok: true;
      filters: SubscriptionFilters;
      policy: ChannelPolicy;
      /** A ping to check on the platform before it is saved; null = ping off; undefined = unchanged. */
      ping?: WantedMention | null;
    }
  | { ok: false; problem: string };

const IMPACT_WORDS = new Set<string>(IMPACTS.filter((i) => i !== 'maintenance'));
const WARNING_ON = new Set(['warnings', 'warnings:on', 'early-warnings', 'early-warnings:on', '+warnings']);
const WARNING_OFF = new Set(['no-warnings', 'warnings:off', 'early-warnings:off', '-warnings']);
const ALL = new Set(['all', 'everything', '*']);
const MAINTENANCE_ON = new Set(['maintenance:on', 'maintenances:on', '+maintenance', 'maintenance']);
const MAINTENANCE_OFF = new Set(['maintenance:off', 'maintenances:off', '-maintenance', 'no-maintenance']);

/**
 * Parses `/claude-subscribe [components…] [min-impact] [warnings:on|off] [maintenance:on|off] [policy settings…]`.
 * Components may be separated by commas (names with spaces) or spaces; each must
 * name exactly one real component (full name, or a unique part such as "code").
 * Policy settings (`flap:15m`, `remind:off`, `quiet:22:00-07:00`, ...) alone keep the
 * channel's components and impact as they are, and so does `maintenance:on|off`.
 */
export function parseSubscriptionArgs(
  text: string,
  componentNames: string[],
  current: SubscriptionFilters,
  currentPolicy: ChannelPolicy = DEFAULT_POLICY,
  platform = 'console',
  pageIds: readonly string[] = [],
): ParsedSubscriptionArgs {
  const pages = takePages(text, pageIds);
  if (!pages.ok) return pages;
  text = pages.rest;
  const filters: SubscriptionFilters = { components: null, minImpact: current.minImpact, earlyWarnings: current.earlyWarnings, maintenance: current.maintenance };
  let maintenanceTouched = false;
  const policy: ChannelPolicy = { ...currentPolicy, quiet: currentPolicy.quiet ? { ...currentPolicy.quiet } : null };
  let ping: WantedMention | null | undefined;
  let filtersTouched = false;
  let policyTouched = false;
  const chosen: string[] = [];
  const segments = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const segment of segments) {
    const whole = matchComponent(segment, componentNames);
    if (whole.kind === 'one') {
      chosen.push(whole.name);
      continue;
    }
    for (const raw of segment.split(/\s+/)) {
      const setting = applyPolicyWord(raw, policy, platform);
      if (setting.kind === 'problem') return { ok: false, problem: setting.problem };
      if (setting.kind === 'applied') {
        policyTouched = true;
        if (setting.ping !== undefined) ping = setting.ping;
        continue;
      }
      const lowered = raw.toLowerCase();
      if (MAINTENANCE_ON.has(lowered) || MAINTENANCE_OFF.has(lowered)) {
        filters.maintenance = MAINTENANCE_ON.has(lowered);
        maintenanceTouched = true;
        continue;
      }
      filtersTouched = true;
      const word = lowered.replace(/^min-impact[:=]/, '');
      if (IMPACT_WORDS.has(word)) filters.minImpact = word as Impact;
      else if (WARNING_ON.has(word)) filters.earlyWarnings = true;
      else if (WARNING_OFF.has(word)) filters.earlyWarnings = false;
      else if (ALL.has(word)) continue;
      else {
        const match = matchComponent(raw, componentNames);
        if (match.kind === 'one') chosen.push(match.name);
        else if (match.kind === 'many') return { ok: false, problem: `"${raw}" matches several components: ${match.names.join(', ')}.` };
        else return { ok: false, problem: `"${raw}" is not a component, an impact or a warnings switch.` };
      }
    }
  }
  if (pages.pages !== undefined) filters.pages = pages.pages;
  // Only settings, pages or the maintenance switch given: the channel keeps its components and impact.
  if ((policyTouched || maintenanceTouched || pages.pages !== undefined) && !filtersTouched && chosen.length === 0) {
    const kept = { components: current.components, minImpact: current.minImpact, earlyWarnings: current.earlyWarnings };
    return { ok: true, filters: { ...kept, maintenance: filters.maintenance, pages: filters.pages }, policy, ping };
  }
  filters.components = chosen.length > 0 ? [...new Set(chosen)] : null;
  return { ok: true, filters, policy, ping };
}

type Match = { kind: 'one'; name: string } | { kind: 'many'; names: string[] } | { kind: 'none' };

function matchComponent(text: string, names: string[]): Match {
  const wanted = text.toLowerCase().replace(/^["']|["']$/g, '');
  if (wanted.length === 0) return { kind: 'none' };
  const exact = names.find((n) => n.toLowerCase() === wanted);
  if (exact) return { kind: 'one', name: exact };
  const partial = names.filter((n) => n.toLowerCase().includes(wanted));
  if (partial.length === 1 && partial[0] !== undefined) return { kind: 'one', name: partial[0] };
  return partial.length > 1 ? { kind: 'many', names: partial } : { kind: 'none' };
}

const PAGE_WORD = /(?:^|\s)pages?[:=](\S+)/gi;

/**
 * Takes `page:<id>[,<id>]` (or `page:all`) out of the text, before commas split components.
 * @returns pages undefined when none was named (the channel keeps its choice), null for every page.
 */
function takePages(text: string, pageIds: readonly string[]): { ok: true; rest: string; pages?: string[] | null } | { ok: false; problem: string } {
  let pages: string[] | null | undefined;
  for (const match of text.matchAll(PAGE_WORD)) {
    const wanted = (match[1] ?? '').toLowerCase().split(',').filter(Boolean);
    if (wanted.some((w) => ALL.has(w))) {
      pages = null;
      continue;
    }
    const unknown = wanted.find((w) => !pageIds.includes(w));
    if (unknown !== undefined || wanted.length === 0) {
      return { ok: false, problem: `"${unknown ?? ''}" is not a page I watch: use page:${pageIds.join(',') || 'claude'} (or page:all).` };
    }
    pages = [...new Set([...(pages ?? []), ...wanted])];
  }
  return { ok: true, rest: text.replace(PAGE_WORD, ' '), pages };
}
