import { parse as parseYaml } from 'yaml';
import type { ZodError } from 'zod';
import { AppError } from '../shared/errors.js';
import { frontMatterSchema, stepsSchema, type KnowledgeEntry } from './entry-schema.js';

/** A knowledge file that cannot be used; the message names the file and the field. */
export class KnowledgeEntryError extends AppError {
  constructor(
    readonly file: string,
    readonly field: string | null,
    detail: string,
  ) {
    const where = field === null ? '' : ` field "${field}":`;
    super('knowledge_entry_invalid', `Invalid knowledge entry ${file}:${where} ${detail}. Fix the file or remove it.`);
  }
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n([\s\S]*))?$/;

const firstIssue = (file: string, error: ZodError, prefix = ''): KnowledgeEntryError => {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path.map(String) ?? [])].filter((part) => part !== '').join('.');
  return new KnowledgeEntryError(file, path === '' ? null : path, issue?.message ?? 'invalid');
};

/** Steps are the body's numbered list ("1. …"); indented lines continue the previous step. */
export function readSteps(body: string): string[] {
  const steps: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    const item = /^\s{0,3}\d{1,2}[.)]\s+(.*)$/.exec(line);
    if (item?.[1] !== undefined) {
      steps.push(item[1].trim());
    } else if (/^\s{2,}\S/.test(line) && steps.length > 0) {
      steps[steps.length - 1] += ` ${line.trim()}`;
    }
  }
  return steps;
}

/** Parses one Markdown file with YAML front matter into a validated entry, or throws KnowledgeEntryError. */
export function parseEntryFile(text: string, file: string, origin: KnowledgeEntry['origin']): KnowledgeEntry {
  const parts = FRONT_MATTER.exec(text);
  if (!parts) throw new KnowledgeEntryError(file, null, 'missing YAML front matter between two "---" lines');
  let data: unknown;
  try {
    data = parseYaml(parts[1] ?? '');
  } catch (error) {
    throw new KnowledgeEntryError(file, null, `front matter is not valid YAML (${(error as Error).message})`);
  }
  const front = frontMatterSchema.safeParse(data ?? {});
  if (!front.success) throw firstIssue(file, front.error);
  const steps = stepsSchema.safeParse(readSteps(parts[2] ?? ''));
  if (!steps.success) throw firstIssue(file, steps.error, 'steps');
  return { ...front.data, steps: steps.data, file, origin };
}
