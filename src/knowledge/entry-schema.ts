import { z } from 'zod';

/*
 * An entry is a Markdown file: YAML front matter, then the steps as a numbered list.
 *
 *   ---
 *   id: corp-vpn                      # same id as a built-in entry replaces it (KNOWLEDGE_DIR)
 *   title: Corporate VPN drops Claude
 *   meaning: One line on what the error means.
 *   blame: local                      # anthropic | local | either | cloud | gateway
 *   match:
 *     status: [502]                   # optional HTTP codes
 *     types: [api_error]              # optional API error types
 *     patterns: ['ECONNRESET.{0,80}10\.8\.']   # case-insensitive regexes on the cleaned paste
 *     prose: ['公司网络']              # optional: the user's own words, weaker than any error pattern
 *     wrappers: ['connection error']   # optional: a client's generic wrapper; answers only when nothing inside it does
 *     yieldsToAnswer: true             # optional: no HTTP answer came back, so a status or API type in the paste outranks it
 *     unless: ['via my-relay']         # optional regexes that rule this entry out
 *     unlessProviders: [gateway]       # optional: ruled out when the paste names one of these providers
 *     weight: 150                     # pattern strength; 60 for generic words
 *   sources: [https://wiki.example.com/vpn]
 *   checked: 2026-12-03                # when every command, flag, variable and path was checked against sources
 *   examples: ['ECONNRESET 10.8.0.1']  # pastes that must resolve to this entry
 *   ---
 *   1. First step, with `commands` in backticks.
 *   2. Second step.
 */

/**
 * Who is usually at fault for an error, which drives the one-line verdict:
 * anthropic (server side), local (session, account, setup), either (network, limits),
 * cloud (Bedrock / Vertex, not covered by status.claude.com), gateway (a proxy in between).
 */
export const BLAMES = ['anthropic', 'local', 'either', 'cloud', 'gateway'] as const;
export type Blame = (typeof BLAMES)[number];

/** Hints the error parser can find in a paste. */
export const PROVIDER_HINTS = ['bedrock', 'vertex', 'gateway'] as const;
export type ProviderHint = (typeof PROVIDER_HINTS)[number];

/** Status page components an Anthropic-side error depends on, matched by name, case-insensitively. */
export const DEFAULT_COMPONENTS = ['Claude API', 'api.anthropic.com', 'Claude Code'];

const isRegExp = (source: string): boolean => {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
};

// A run that can cross the whole paste (`[\s\S]*`, `.*`) in a pattern with no `^` is retried from every position: quadratic in
// the paste's length (one such pattern once took 360 ms of a 20,000-character lookup). Anchored, it scans once.
const UNBOUNDED_RUN = /\[\\s\\S\][*+]|(?<!\\)\.[*+]/;
const scansOnce = (source: string): boolean => source.startsWith('^') || !UNBOUNDED_RUN.test(source);

const regexSource = z
  .string()
  .min(2)
  .refine(isRegExp, 'is not a valid regular expression')
  .refine(scansOnce, 'crosses the whole paste ([\\s\\S]* or .*) without a leading ^, so it rescans from every position: start it with ^');

/** YAML 1.1 readers turn 2026-12-03 into a Date; keep the plain day either way. */
const isoDay = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be the day the entry was checked, e.g. 2026-12-03'),
);

const httpsUrl = z.string().regex(/^https:\/\/[^\s]+$/, 'must be an https:// URL');

const matchSchema = z
  .object({
    status: z.array(z.number().int().min(100).max(599)).default([]),
    types: z.array(z.string().regex(/^[a-z_]+$/, 'must be an API error type such as api_error')).default([]),
    /** Case-insensitive regular expressions tested against the cleaned paste. */
    patterns: z.array(regexSource).default([]),
    providers: z.array(z.enum(PROVIDER_HINTS)).default([]),
    /** Regexes that only mean this entry when the paste names one of `providers` ("model not found" on Vertex). */
    providerPatterns: z.array(regexSource).default([]),
    /**
     * The user's own words for this family in any language ("地区不支持", "ログインできません"): they answer only when no
     * error pattern of this entry matched, and count less than any error pattern, so an error in the paste outranks the prose.
     */
    prose: z.array(regexSource).default([]),
    /**
     * A client's generic wrapper around whatever failed ("Connection error", `APIConnectionError`): it answers only when no other
     * entry's pattern, status or type does, so the error inside the wrapper outranks it.
     */
    wrappers: z.array(regexSource).default([]),
    /**
     * The entry means no HTTP answer came back (a network failure): when the paste shows the API's own answer (a status, an
     * API error type), its patterns count only as wrappers do, since an answer did arrive.
     */
    yieldsToAnswer: z.boolean().default(false),
    /** Regexes that rule this entry out: the paste shows the error came from somewhere else. */
    unless: z.array(regexSource).default([]),
    /** Providers whose presence rules this entry out: a relay passing on this message owns the account it names. */
    unlessProviders: z.array(z.enum(PROVIDER_HINTS)).default([]),
    /** How much a pattern hit counts: specific messages outrank generic words. */
    weight: z.number().int().min(1).max(400).default(150),
  })
  .strict()
  .refine((m) => m.status.length + m.types.length + m.patterns.length + m.prose.length + m.wrappers.length > 0, {
    message: 'needs at least one of status, types, patterns, prose or wrappers',
  });

export const frontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/, 'must be kebab-case, e.g. overloaded-529'),
    title: z.string().min(3).max(80),
    meaning: z
      .string()
      .min(10)
      .max(240)
      .refine((text) => !text.includes('\n'), 'must be one line'),
    blame: z.enum(BLAMES),
    match: matchSchema,
    components: z.array(z.string().min(2)).default(DEFAULT_COMPONENTS),
    sources: z.array(httpsUrl).min(1, 'needs at least one source link for its claims'),
    /** The day every command, flag, variable and path was checked against `sources`; built-in entries must have it. */
    checked: isoDay.optional(),
    more: httpsUrl.optional(),
    examples: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const stepsSchema = z
  .array(z.string().min(3).max(320, 'a step must stay under 320 characters to fit a chat answer'))
  .min(1, 'needs a numbered list of steps in the body')
  .max(6, 'at most 6 steps fit one screen');

export type EntryFrontMatter = z.infer<typeof frontMatterSchema>;

/** One troubleshooting entry, as loaded and validated. */
export interface KnowledgeEntry extends EntryFrontMatter {
  steps: string[];
  /** Where it came from, for error messages and `origin` in answers. */
  file: string;
  origin: 'builtin' | 'extra';
}
