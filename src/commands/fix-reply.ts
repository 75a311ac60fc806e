import type { KnowledgeEntry } from '../knowledge/entry-schema.js';
import type { LookupResult } from '../knowledge/knowledge-base.js';
import type { ParsedError } from '../knowledge/parse-error.js';
import type { Reply, ReplyBlock } from './reply.js';
import { plain, quoteUserText, shorten } from './fix-text.js';
import type { Verdict } from './fix-verdict.js';
import { cloudOf, describeRoute } from './fix-coverage.js';

const STATUS_PAGE = 'https://status.claude.com';
const ERROR_REFERENCE = 'https://code.claude.com/docs/en/errors';
/** One chat screen: also under Discord's 4,096-character embed description. */
export const MAX_REPLY_CHARS = 3_500;
const MAX_STEPS = 6;

/** During an outage these come first: they help whatever the exact error was. */
const OUTAGE_STEPS = [
  'Wait it out: Claude Code has already retried, and quitting loses nothing; resume later with `claude --continue`.',
  'Capacity is per model: switch with `/model` to keep working.',
  'If your team has a backup provider, switch to it with `CLAUDE_CODE_USE_BEDROCK=1` or `CLAUDE_CODE_USE_VERTEX=1` (ask about `bedrock` or `vertex`).',
];

function detailFields(parsed: ParsedError): ReplyBlock | null {
  const fields: Array<{ label: string; value: string }> = [];
  const code = [parsed.status, parsed.errorType].filter((part) => part !== null).join(' ');
  if (code !== '') fields.push({ label: 'Error', value: quoteUserText(code, 60) });
  if (parsed.message !== null) fields.push({ label: 'Message', value: quoteUserText(parsed.message, 160) });
  if (parsed.requestId !== null) {
    fields.push({ label: 'Request id (quote it when reporting)', value: `\`${quoteUserText(parsed.requestId, 70)}\`` });
  }
  const route = describeRoute(parsed);
  if (route !== null) fields.push({ label: 'Seen via', value: route });
  if (parsed.retry !== null) {
    fields.push({ label: 'Retried', value: `attempt ${parsed.retry.attempt}/${parsed.retry.max} when pasted` });
  }
  return fields.length > 0 ? { type: 'fields', fields } : null;
}

function verdictBlocks(verdict: Verdict): ReplyBlock[] {
  const blocks: ReplyBlock[] = [{ type: 'notice', level: verdict.level, text: verdict.line }];
  for (const note of verdict.notes.slice(0, 3)) {
    blocks.push({ type: 'notice', level: note.startsWith('GitHub') ? 'warning' : 'info', text: quoteUserText(note, 300) });
  }
  return blocks;
}

function statusLinks(verdict: Verdict, more: string): ReplyBlock {
  const links = [{ label: 'More', url: more }];
  if (verdict.incident?.url) links.push({ label: 'Incident', url: verdict.incident.url });
  links.push({ label: 'Status page', url: STATUS_PAGE });
  return { type: 'links', links };
}

const codeSpans = (step: string): string[] => [...step.matchAll(/`([^`]+)`/g)].map((hit) => hit[1] ?? '');
const OUTAGE_CODE = new Set(OUTAGE_STEPS.flatMap(codeSpans));

/** An entry step whose commands the outage steps already gave would only repeat them. */
const repeatsOutageStep = (step: string): boolean => {
  const spans = codeSpans(step);
  return spans.length > 0 && spans.every((span) => OUTAGE_CODE.has(span));
};

// Someone already on Bedrock or Vertex needs that provider's fix, not "switch to Bedrock".
const isBackupAdvice = (step: string): boolean => /backup|CLAUDE_CODE_USE_(?:BEDROCK|VERTEX)/.test(step);

/** Said when the classifier, not a known wording, chose the entry: the answer is a likely one, and says so. */
export const LEARNED_NOTE = 'Likely match: no known wording matched exactly, but this paste reads most like reports of this error.';

function matchedBlocks(lookup: LookupResult, entry: KnowledgeEntry, verdict: Verdict): ReplyBlock[] {
  const { parsed, alternatives } = lookup;
  const own = cloudOf(parsed) === null || entry.blame === 'cloud' ? entry.steps : entry.steps.filter((step) => !isBackupAdvice(step));
  const steps = verdict.outageFirst ? [...OUTAGE_STEPS, ...own.filter((step) => !repeatsOutageStep(step))] : own;
  const blocks: ReplyBlock[] = [
    ...(lookup.best?.basis === 'learned' ? [{ type: 'text' as const, text: LEARNED_NOTE }] : []),
    { type: 'text', text: entry.meaning },
    { type: 'steps', items: [...new Set(steps)].slice(0, MAX_STEPS) },
  ];
  if (alternatives.length > 0) {
    const options = alternatives.map((other) => `**${other.id}** (${other.title})`).join(', ');
    blocks.push({ type: 'text', text: `Not it? Ask again with: ${options}.` });
  }
  return blocks;
}

function unmatchedBlocks(closest: KnowledgeEntry[], verdict: Verdict): ReplyBlock[] {
  const blocks: ReplyBlock[] = [
    { type: 'text', text: 'I could not tell which error this is. The closest answers; ask again with one of these ids:' },
    { type: 'bullets', items: closest.map((entry) => `**${entry.id}**: ${entry.title}`) },
  ];
  if (verdict.outageFirst || verdict.incident) blocks.push({ type: 'steps', items: OUTAGE_STEPS });
  return blocks;
}

/** Keeps the answer on one screen whatever was pasted: trims the longest texts first. */
export function boundReply(reply: Reply, max = MAX_REPLY_CHARS): Reply {
  const size = (): number => JSON.stringify(reply.blocks).length;
  while (size() > max) {
    const steps = reply.blocks.find((block) => block.type === 'steps');
    if (steps && steps.type === 'steps' && steps.items.length > 2) {
      steps.items.pop();
      continue;
    }
    const fields = reply.blocks.find((block) => block.type === 'fields');
    if (fields) {
      reply.blocks = reply.blocks.filter((block) => block !== fields);
      continue;
    }
    reply.blocks = reply.blocks.slice(0, Math.max(1, reply.blocks.length - 1));
    if (reply.blocks.length === 1) break;
  }
  return reply;
}

export function buildFixReply(input: { lookup: LookupResult; verdict: Verdict; share: boolean }): Reply {
  const { lookup, verdict } = input;
  const entry = lookup.best?.entry ?? null;
  const details = detailFields(lookup.parsed);
  const blocks: ReplyBlock[] = [
    { type: 'header', text: entry ? entry.title : 'No exact match' },
    ...verdictBlocks(verdict),
    ...(details ? [details] : []),
    ...(entry ? matchedBlocks(lookup, entry, verdict) : unmatchedBlocks(lookup.closest, verdict)),
    statusLinks(verdict, entry ? (entry.more ?? entry.sources[0] ?? ERROR_REFERENCE) : ERROR_REFERENCE),
  ];
    // The verdict's bold lead ("Anthropic's side", "Your side, not an outage") is the one-line summary.
  const lead = (/\*\*([^*]+)\*\*/.exec(verdict.line)?.[1] ?? plain(verdict.line)).replace(/[:.]\s*$/, '');
  const named = entry === null ? 'no exact match' : lookup.best?.basis === 'learned' ? `likely ${entry.title}` : entry.title;
  const summary = shorten(`${lead} · ${named}`, 200);
  return boundReply({ blocks, visibility: input.share ? 'in_channel' : 'ephemeral', summary });
}
