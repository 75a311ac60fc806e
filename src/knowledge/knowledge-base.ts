import type { KnowledgeEntry } from './entry-schema.js';
import { createClosestFinder } from './closest-entries.js';
import { parseError, type ParsedError } from './parse-error.js';
import { leadOf, type PasteClassifier } from './paste-classifier.js';

/**
 * Why an entry was chosen: `worded`, an error pattern or the API error type matched (or the id was asked for);
 * `prose`, the user's own words around the error; `wrapper`, only a client's generic wrapper ("Connection error");
 * `status`, only a status code (and the provider); `learned`, the rules had no answer and the classifier trained on
 * labelled reports named it.
 */
export type AnswerBasis = 'worded' | 'prose' | 'wrapper' | 'status' | 'learned';

/** One entry and how well it fits the paste. */
export interface ScoredEntry {
  entry: KnowledgeEntry;
  score: number;
  basis: AnswerBasis;
}

export interface LookupResult {
  parsed: ParsedError;
  /** null when nothing fits well enough to answer with confidence. */
  best: ScoredEntry | null;
  /** Runners-up worth offering ("not it? try …"). */
  alternatives: KnowledgeEntry[];
  /** When nothing matched: the nearest entries by wording, to choose from. */
  closest: KnowledgeEntry[];
}

export interface KnowledgeBase {
  readonly entries: readonly KnowledgeEntry[];
  get(id: string): KnowledgeEntry | undefined;
  lookup(input: string): LookupResult;
}

/** A status or type on its own (e.g. `/claude-fix 500`) is enough to answer. */
export const MATCH_THRESHOLD = 30;
const STATUS_SCORE = 30;
const TYPE_SCORE = 40;
const PROVIDER_SCORE = 20;
// Below every entry weight (the lowest is 60): the user's prose answers only when no error pattern does.
const PROSE_SCORE = 45;
// A client's generic wrapper ("Connection error"): above the prose and a bare status, below every entry weight; placeFallbacks
// also ranks it after any entry that words an answer, so the error inside the wrapper wins.
const WRAPPER_SCORE = 50;
const EXACT_ID_SCORE = 1_000;
/**
 * How far the classifier's first entry must lead its second (ln of their shares) before it answers. Prose with no
 * error in it ("my laptop fan is loud", "hello", "it does not work") leads by under 0.1; 0.15 keeps such text unanswered.
 */
export const LEARNED_MIN_LEAD = 0.15;
/**
 * The classifier only answers a paste that reports a failure: a status, an error type or message, or a failure word
 * (in English, Chinese, Japanese or Korean). A question or a remark ("our build server is under high load") is left to
 * the "did you mean" list, since word statistics would find some entry for any text.
 */
const FAILURE_WORDS =
  /\b(?:error|err_[a-z_]+|e[a-z]{3,}(?=:)|fail(?:s|ed|ure|ing)?|exception|denied|refused|rejected|invalid|unable|cannot|can't|couldn't|could not|not (?:found|allowed|supported|available|authorized)|unauthori[sz]ed|forbidden|timed? ?out|expired|exceeded|exit(?:ed)? (?:with )?code|crash(?:ed|es)?|unavailable|overloaded|blocked|locked|disconnect(?:s|ed)?|broken|stuck|throttl(?:ed|ing)|limit (?:reached|exceeded)|hit your limit)\b|错误|錯誤|失败|失敗|报错|報錯|异常|異常|超时|超時|被锁|被鎖|断开|斷開|限流|エラー|오류|에러|실패/i;
const reportsFailure = (parsed: ParsedError): boolean =>
  parsed.status !== null || parsed.errorType !== null || parsed.message !== null || FAILURE_WORDS.test(parsed.text);

interface CompiledEntry {
  entry: KnowledgeEntry;
  patterns: RegExp[];
  providerPatterns: RegExp[];
  prose: RegExp[];
  wrappers: RegExp[];
  unless: RegExp[];
}

/** Best pattern hit: the entry's weight plus the matched length (longer phrases are more specific). */
function patternScore(compiled: CompiledEntry, text: string, providerHit: boolean): number {
  let best = 0;
  let hits = 0;
  const patterns = providerHit ? [...compiled.patterns, ...compiled.providerPatterns] : compiled.patterns;
  for (const pattern of patterns) {
    const hit = pattern.exec(text);
    if (!hit) continue;
    hits += 1;
    best = Math.max(best, compiled.entry.match.weight + Math.min(hit[0].length, 40));
  }
  return hits === 0 ? 0 : best + Math.min(hits - 1, 4) * 5;
}

interface Scored {
  score: number;
  /** Only a wrapper answered, or a no-answer entry's wordings beside an answer: ranks after every worded entry. */
  fallback: boolean;
  /** An error pattern or the error type matched, not merely a status or the user's prose. */
  worded: boolean;
  basis: Exclude<AnswerBasis, 'learned'>;
}

const score = (value: number, basis: Scored['basis'] = 'worded'): Scored => ({ score: value, fallback: false, worded: basis === 'worded', basis });

function scoreEntry(compiled: CompiledEntry, parsed: ParsedError, query: string): Scored {
  const { entry } = compiled;
  if (query === entry.id) return score(EXACT_ID_SCORE);
  if (compiled.unless.some((pattern) => pattern.test(parsed.text))) return score(0);
  if (entry.match.unlessProviders.some((hint) => parsed.providers.includes(hint))) return score(0);
  // A library (LiteLLM, an SDK) carried Anthropic's or a cloud's own error: no relay to blame, that provider's answer applies.
  if (parsed.wrappedFrom !== null && entry.blame === 'gateway') return score(0);
  const { match } = entry;
  const providerHit = match.providers.some((hint) => parsed.providers.includes(hint));
  // A provider-specific entry only claims a bare status or type when the paste names that provider.
  const structural = match.providers.length === 0 || providerHit;
  let total = patternScore(compiled, parsed.text, providerHit);
  // An answer came back (a status, an API error type): a no-answer entry's wordings yield to whatever worded that answer.
  const answered = parsed.status !== null || parsed.errorType !== null;
  if (total > 0 && match.yieldsToAnswer && answered) return { score: total, fallback: true, worded: true, basis: 'worded' };
  // A wrapper is placed as a fallback, but names no error: not a worded answer.
  if (total === 0 && compiled.wrappers.some((pattern) => pattern.test(parsed.text))) {
    return { score: WRAPPER_SCORE, fallback: true, worded: false, basis: 'wrapper' };
  }
  // The user's prose is no answer of the API's: a wrapper still outranks it.
  let basis: Scored['basis'] = total > 0 ? 'worded' : 'status';
  if (total === 0 && compiled.prose.some((pattern) => pattern.test(parsed.text))) {
    total = PROSE_SCORE;
    basis = 'prose';
  }
  if (structural && parsed.status !== null && match.status.includes(parsed.status)) total += STATUS_SCORE;
  if (structural && parsed.errorType !== null && match.types.includes(parsed.errorType)) {
    total += TYPE_SCORE;
    basis = 'worded';
  }
  if (total > 0 && providerHit) total += PROVIDER_SCORE;
  return score(total, basis);
}

type Ranked = Omit<ScoredEntry, 'basis'> & Scored;

/**
 * Fallbacks (wrappers, a no-answer entry beside an answer) go after every worded entry, but still ahead of an entry that
 * has nothing but a bare status they outscore ("API Error: 500 terminated" stays a dropped connection).
 */
function placeFallbacks(items: Ranked[]): Ranked[] {
  const byScore = (a: Ranked, b: Ranked): number => b.score - a.score;
  const ranked = items.filter((item) => !item.fallback).sort(byScore);
  for (const fallback of items.filter((item) => item.fallback).sort(byScore)) {
    const afterWorded = ranked.reduce((last, item, index) => (item.worded || item.fallback ? index + 1 : last), 0);
    const outscored = ranked.findIndex((item, index) => index >= afterWorded && fallback.score > item.score);
    ranked.splice(outscored < 0 ? ranked.length : outscored, 0, fallback);
  }
  return ranked;
}

export interface KnowledgeBaseOptions {
  /** Trained on labelled reports; consulted only when the rules have no answer at all. */
  classifier?: PasteClassifier | null;
  /** Told what chose each answer, or `none` for "No exact match". */
  onAnswer?: ((basis: AnswerBasis | 'none') => void) | undefined;
}

export function createKnowledgeBase(entries: readonly KnowledgeEntry[], options: KnowledgeBaseOptions = {}): KnowledgeBase {
  const classifier = options.classifier ?? null;
  const compiled: CompiledEntry[] = entries.map((entry) => ({
    entry,
    patterns: entry.match.patterns.map((source) => new RegExp(source, 'i')),
    providerPatterns: entry.match.providerPatterns.map((source) => new RegExp(source, 'i')),
    prose: entry.match.prose.map((source) => new RegExp(source, 'i')),
    wrappers: entry.match.wrappers.map((source) => new RegExp(source, 'i')),
    unless: entry.match.unless.map((source) => new RegExp(source, 'i')),
  }));
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  // A status no entry lists (422, 501, 520…) is answered by its class: 4xx as a request problem, 5xx as a server error.
  const listed = new Set(entries.flatMap((entry) => entry.match.status));
  const byClass = (status: number | null): number | null =>
    status === null || listed.has(status) ? status : Math.floor(status / 100) * 100;
  const findClosest = createClosestFinder(entries);
  const rank = (parsed: ParsedError): ScoredEntry[] => {
    const query = parsed.text.toLowerCase();
    const scored = { ...parsed, status: byClass(parsed.status) };
    const items = compiled.map((item) => ({ entry: item.entry, ...scoreEntry(item, scored, query) })).filter((item) => item.score > 0);
    // Ties keep file order (the sort is stable), which is alphabetical.
    return placeFallbacks(items).map(({ entry, score: value, basis }) => ({ entry, score: value, basis }));
  };

  /**
   * The rules found no answer at all ("No exact match"): the classifier's entry answers when it leads clearly, with its
   * runners-up as the alternatives. It never replaces a rule answer, not even a bare status: scored round by round on
   * pastes it had not learned from, it was right less often than the rules' status answers (16 against 27 of 30).
   */
  const learn = (text: string): Pick<LookupResult, 'best' | 'alternatives'> | null => {
    if (classifier === null) return null;
    const predictions = classifier(text).filter((prediction) => byId.has(prediction.label));
    const entry = byId.get(predictions[0]?.label ?? '');
    if (entry === undefined || leadOf(predictions) < LEARNED_MIN_LEAD) return null;
    const alternatives = predictions.slice(1, 3).flatMap((prediction) => byId.get(prediction.label) ?? []);
    return { best: { entry, score: 0, basis: 'learned' }, alternatives };
  };

  const answer = (input: string): LookupResult => {
    const whole = parseError(input);
    // Several errors retried in one log: the one Claude Code kept retrying is the one to answer.
    // The route (provider, client) is read from the whole paste either way.
    const focus = whole.retriedMost === null ? null : { ...parseError(whole.retriedMost), providers: whole.providers, client: whole.client, wrappedFrom: whole.wrappedFrom };
    const focused = focus === null ? [] : rank(focus);
    const useFocus = focus !== null && (focused[0]?.score ?? 0) >= MATCH_THRESHOLD;
    const parsed = useFocus ? { ...whole, status: focus.status, errorType: focus.errorType, message: focus.message, html: focus.html } : whole;
    const ranked = useFocus ? focused : rank(whole);
    const top = ranked[0];
    const best = top !== undefined && top.score >= MATCH_THRESHOLD ? top : null;
    const learned = best === null && reportsFailure(parsed) ? learn(parsed.text) : null;
    if (learned !== null) return { parsed, ...learned, closest: [] };
    const alternatives = best
      ? ranked
          .slice(1)
          .filter((item) => item.score >= Math.max(MATCH_THRESHOLD, best.score * 0.5))
          .slice(0, 2)
          .map((item) => item.entry)
      : [];
    const closest = best ? [] : findClosest(parsed.text, 3);
    return { parsed, best, alternatives, closest };
  };

  return {
    entries,
    get: (id) => byId.get(id),
    lookup(input) {
      const result = answer(input);
      options.onAnswer?.(result.best?.basis ?? 'none');
      return result;
    },
  };
}
