/**
 * A word-statistics classifier beside the pattern rules: trained on the labelled tune pastes and every entry's examples,
 * it names the entry whose reports a paste's words resemble most. The rules answer first; this only speaks where they
 * would say "No exact match" (see `knowledge-base.ts`).
 *
 * Complement naive Bayes (Rennie et al., 2003) over TF-IDF weighted words, word pairs and CJK character pairs: training
 * is counting, so it is exact and deterministic, the model is small and sparse, and a lookup costs one pass over the paste.
 */

/** Words this long or longer are noise (ids, hashes, base64), not vocabulary. */
const MAX_WORD = 40;
/** The classifier reads this much of a paste: errors come first, and the work stays bounded. */
export const CLASSIFIER_INPUT_CHARS = 8_000;
const TOKEN = /[a-z0-9_]+|[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+/g;
const CJK = /^[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/** Lowercased words; a run of Chinese, Japanese or Korean characters (no spaces) becomes its character pairs. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const [run] of text.slice(0, CLASSIFIER_INPUT_CHARS).toLowerCase().matchAll(TOKEN)) {
    if (!CJK.test(run)) {
      if (run.length <= MAX_WORD) tokens.push(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) tokens.push(run);
    for (let at = 0; at + 1 < chars.length; at += 1) tokens.push(`${chars[at]}${chars[at + 1]}`);
  }
  return tokens;
}

/** Single tokens and neighbouring pairs ("credit balance", "rate limit"), with counts. */
export function termCounts(text: string): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const add = (term: string): void => {
    counts.set(term, (counts.get(term) ?? 0) + 1);
  };
  tokens.forEach((token, at) => {
    add(token);
    const next = tokens[at + 1];
    if (next !== undefined) add(`${token} ${next}`);
  });
  return counts;
}

/** What `npm run train:fix` writes: the vocabulary with its IDF and, per term, the classes it was seen in. */
export interface ClassifierModel {
  version: 1;
  /** Smoothing added to every complement count. */
  alpha: number;
  classes: string[];
  /** Per term: [idf, [classIndex, weightedCount], ...]. */
  terms: Record<string, [number, ...Array<[number, number]>]>;
}

export interface TrainingDoc {
  text: string;
  label: string;
}

/** Terms seen in fewer training documents than this are dropped (one paste's typo or id is no vocabulary). */
const MIN_DOCUMENTS = 2;
const ALPHA = 0.3;
// Four significant digits: the model file stays small and its diffs readable; accuracy is unchanged.
const round = (value: number): number => Number(value.toPrecision(4));

/** Sublinear TF-IDF, L2-normalised: long pastes and repeated lines do not outweigh short ones. */
function weigh<K>(counts: Map<string, number>, find: (term: string) => readonly [K, number] | undefined): Map<K, number> {
  const weights = new Map<K, number>();
  let norm = 0;
  for (const [term, count] of counts) {
    const found = find(term);
    if (found === undefined) continue;
    const weight = (1 + Math.log(count)) * found[1];
    weights.set(found[0], weight);
    norm += weight * weight;
  }
  const length = Math.sqrt(norm);
  if (length > 0) for (const [key, weight] of weights) weights.set(key, weight / length);
  return weights;
}

/** Trains the model; the same documents always give the same model (terms and classes are sorted). */
export function trainClassifier(docs: readonly TrainingDoc[]): ClassifierModel {
  const classes = [...new Set(docs.map((doc) => doc.label))].sort();
  const classOf = new Map(classes.map((label, index) => [label, index]));
  const counted = docs.map((doc) => ({ label: classOf.get(doc.label) ?? 0, counts: termCounts(doc.text) }));
  const documentFrequency = new Map<string, number>();
  for (const { counts } of counted) for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [term, frequency] of documentFrequency) {
    // scikit-learn's smoothed IDF, so figures compare with its TfidfVectorizer.
    if (frequency >= MIN_DOCUMENTS) idf.set(term, round(Math.log((1 + docs.length) / (1 + frequency)) + 1));
  }
  const perTerm = new Map<string, Map<number, number>>();
  for (const { label, counts } of counted) {
    for (const [term, weight] of weigh(counts, (term) => {
      const inverse = idf.get(term);
      return inverse === undefined ? undefined : ([term, inverse] as const);
    })) {
      const byClass = perTerm.get(term) ?? new Map<number, number>();
      byClass.set(label, (byClass.get(label) ?? 0) + weight);
      perTerm.set(term, byClass);
    }
  }
  const terms: ClassifierModel['terms'] = {};
  for (const term of [...perTerm.keys()].sort()) {
    const byClass = [...(perTerm.get(term) ?? [])].sort(([a], [b]) => a - b).map(([label, weight]): [number, number] => [label, round(weight)]);
    terms[term] = [idf.get(term) ?? 1, ...byClass];
  }
  return { version: 1, alpha: ALPHA, classes, terms };
}

export interface Prediction {
  label: string;
  /** Softmax of the class scores: how much of the evidence this class holds, 0–1. */
  share: number;
}

/** How far the first class leads the second: ln(share₁ / share₂), 0 when there is no second. */
export const leadOf = (predictions: readonly Prediction[]): number => {
  const [first, second] = predictions;
  return first === undefined || second === undefined || second.share === 0 ? 0 : Math.log(first.share / second.share);
};

/** The model file: one term a line, so a retrained model's diff shows which words moved. */
export function formatModel(model: ClassifierModel): string {
  const terms = Object.entries(model.terms).map(([term, row]) => `    ${JSON.stringify(term)}: ${JSON.stringify(row)}`);
  const head = `{\n  "version": ${model.version},\n  "alpha": ${model.alpha},\n  "classes": ${JSON.stringify(model.classes)},\n  "terms": {\n`;
  return `${head}${terms.join(',\n')}\n  }\n}\n`;
}

export type PasteClassifier = (text: string) => Prediction[];

/**
 * Prepares a model for lookups. The JSON's nested arrays are packed into typed arrays (a term's IDF, total and per-class counts),
 * a few MB instead of the parsed file's tens, and per class the complement totals are summed once.
 */
export function createClassifier(model: ClassifierModel): PasteClassifier {
  const classCount = model.classes.length;
  const entries = Object.entries(model.terms);
  const vocabulary = entries.length;
  const index = new Map<string, number>();
  const idf = new Float32Array(vocabulary);
  const termTotal = new Float32Array(vocabulary);
  const start = new Uint32Array(vocabulary + 1);
  const pairs = entries.reduce((sum, [, [, ...byClass]]) => sum + byClass.length, 0);
  const pairLabel = new Uint16Array(pairs);
  const pairCount = new Float32Array(pairs);
  const ownTotal = new Float64Array(classCount);
  let grandTotal = 0;
  let at = 0;
  entries.forEach(([term, [inverse, ...byClass]], position) => {
    index.set(term, position);
    idf[position] = inverse;
    start[position] = at;
    let total = 0;
    for (const [label, weight] of byClass) {
      pairLabel[at] = label;
      pairCount[at] = weight;
      at += 1;
      total += weight;
      ownTotal[label] = (ownTotal[label] ?? 0) + weight;
    }
    termTotal[position] = total;
    grandTotal += total;
  });
  start[vocabulary] = at;
  // Only these outlive the call. No closure here may name `model`: all closures of a call share one context, so one that did
  // would keep the whole parsed file (about 12 MB) alive behind the lookup function.
  const { alpha } = model;
  const classes = [...model.classes];
  // log Σ_f (total_f − count_cf + α): the complement class's normaliser.
  const logComplementTotal = Float64Array.from(ownTotal, (own) => Math.log(grandTotal - own + alpha * vocabulary));
  const counts = new Float64Array(classCount);

  return (text) => {
    if (classCount === 0) return [];
    // Keyed by the term's position in the packed arrays, so each term is looked up once.
    const weights = weigh(termCounts(text), (term) => {
      const position = index.get(term);
      return position === undefined ? undefined : ([position, idf[position] ?? 0] as const);
    });
    const scores = new Float64Array(classCount);
    let evidence = 0;
    for (const [position, weight] of weights) {
      counts.fill(0);
      for (let pair = start[position] ?? 0; pair < (start[position + 1] ?? 0); pair += 1) counts[pairLabel[pair] ?? 0] = pairCount[pair] ?? 0;
      const total = termTotal[position] ?? 0;
      for (let label = 0; label < classCount; label += 1) {
        // A term frequent in every other class speaks against this one.
        scores[label] = (scores[label] ?? 0) + weight * ((logComplementTotal[label] ?? 0) - Math.log(total - (counts[label] ?? 0) + alpha));
      }
      evidence += 1;
    }
    if (evidence === 0) return [];
    const top = Math.max(...scores);
    const exp = Array.from(scores, (value) => Math.exp(value - top));
    const sum = exp.reduce((a, b) => a + b, 0);
    return classes
      .map((label, position) => ({ label, share: (exp[position] ?? 0) / sum }))
      .sort((a, b) => b.share - a.share || a.label.localeCompare(b.label));
  };
}
