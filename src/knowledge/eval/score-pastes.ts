import type { KnowledgeBase } from '../knowledge-base.js';
import type { LabelledPaste } from './load-pastes.js';

/** A paste whose first answer was not the labelled entry. */
export interface EvalMiss {
  paste: LabelledPaste;
  /** The entry the bot answered with, or null for "No exact match". */
  got: string | null;
}

export interface EvalTally {
  total: number;
  correct: number;
  /** correct / total, 0 when empty. */
  accuracy: number;
}

export interface EvalReport {
  overall: EvalTally;
  bySplit: Record<string, EvalTally>;
  byCategory: Record<string, EvalTally>;
  /** By what chose the first answer (knowledge-base `AnswerBasis`, or `none` for "No exact match"). */
  byBasis: Record<string, EvalTally>;
  misses: EvalMiss[];
}

const tally = (total: number, correct: number): EvalTally => ({ total, correct, accuracy: total === 0 ? 0 : correct / total });

function group(results: Array<{ key: string; ok: boolean }>): Record<string, EvalTally> {
  const counts = new Map<string, { total: number; correct: number }>();
  for (const { key, ok } of results) {
    const count = counts.get(key) ?? { total: 0, correct: 0 };
    count.total += 1;
    if (ok) count.correct += 1;
    counts.set(key, count);
  }
  return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, c]) => [key, tally(c.total, c.correct)]));
}

/** Scores the first answer for every paste: right only when it is the labelled entry. */
export function scorePastes(knowledge: KnowledgeBase, pastes: readonly LabelledPaste[]): EvalReport {
  const results = pastes.map((paste) => {
    const best = knowledge.lookup(paste.text).best;
    const got = best?.entry.id ?? null;
    return { paste, got, basis: best?.basis ?? 'none', ok: got === paste.expected };
  });
  const correct = results.filter((result) => result.ok).length;
  return {
    overall: tally(results.length, correct),
    bySplit: group(results.map((result) => ({ key: result.paste.split, ok: result.ok }))),
    byCategory: group(results.map((result) => ({ key: result.paste.category, ok: result.ok }))),
    byBasis: group(results.map((result) => ({ key: result.basis, ok: result.ok }))),
    misses: results.filter((result) => !result.ok).map(({ paste, got }) => ({ paste, got })),
  };
}

const percent = (value: EvalTally): string => `${(value.accuracy * 100).toFixed(1)}% (${value.correct}/${value.total})`;

/** The report as plain text: accuracy per split and per category, then every miss. */
export function formatEvalReport(report: EvalReport): string {
  const lines = [`overall   ${percent(report.overall)}`];
  for (const [split, value] of Object.entries(report.bySplit)) lines.push(`split     ${split.padEnd(14)} ${percent(value)}`);
  for (const [category, value] of Object.entries(report.byCategory)) lines.push(`category  ${category.padEnd(14)} ${percent(value)}`);
  for (const [basis, value] of Object.entries(report.byBasis)) lines.push(`answered  ${basis.padEnd(14)} ${percent(value)}`);
  lines.push(report.misses.length === 0 ? 'misses    none' : `misses    ${report.misses.length}`);
  for (const { paste, got } of report.misses) {
    const excerpt = paste.text.replace(/\s+/g, ' ').slice(0, 110);
    lines.push(`  [${paste.split}/${paste.category}] expected ${paste.expected}, got ${got ?? 'no match'}: ${excerpt}  <${paste.source}>`);
  }
  return lines.join('\n');
}
