import { parseArgs } from 'node:util';
import { suggestWord } from './suggest-word.js';

/** One flag of a verb, as `node:util` parseArgs takes it, plus the line its help prints. */
export interface VerbOption {
  type: 'boolean' | 'string';
  short?: string;
  description: string;
}

/** One row of the CLI's verb table: adding a verb is adding one of these. */
export interface VerbSpec<Context> {
  name: string;
  /** One line for the list of verbs. */
  summary: string;
  /** e.g. `status [--refresh] [--verbose]` (without the program name). */
  usage: string;
  /** Paragraph printed by `<verb> --help` under the usage line. */
  details?: string;
  options?: Record<string, VerbOption>;
  /** Free words after the verb (`fix "<error>"`); refused when false. */
  positionals?: boolean;
  run(context: Context, args: { values: Record<string, string | boolean | undefined>; positionals: string[] }): Promise<number>;
}

export type ParsedCommandLine<Context> =
  | { kind: 'run'; verb: VerbSpec<Context>; values: Record<string, string | boolean | undefined>; positionals: string[] }
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'usage_error'; message: string };

const HELP_FLAG = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Reads `argv` (without node and the script) against the verb table, strictly: an
 * unknown verb or flag is a usage error with a suggestion when one is close.
 * No verb means `defaultVerb`.
 */
export function parseCommandLine<Context>(argv: string[], verbs: VerbSpec<Context>[], program: string, defaultVerb: string): ParsedCommandLine<Context> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V' || first === 'version') return { kind: 'version' };
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === 'help' && rest[0] !== undefined) return parseCommandLine([rest[0], '--help'], verbs, program, defaultVerb);
    if (first === undefined) return parseVerb(findVerb(verbs, defaultVerb), [], program);
    return { kind: 'help', text: overview(verbs, program) };
  }
  const verb = verbs.find((v) => v.name === first);
  if (!verb) {
    const hint = first.startsWith('-')
      ? suggestWord(first.replace(/^-+/, ''), ['help', 'version'])
      : suggestWord(first, [...verbs.map((v) => v.name), 'help', 'version']);
    const did = hint ? ` Did you mean ${first.startsWith('-') ? `--${hint}` : `"${hint}"`}?` : '';
    return { kind: 'usage_error', message: `${program}: unknown ${first.startsWith('-') ? 'option' : 'command'} "${first}".${did} See "${program} --help".` };
  }
  return parseVerb(verb, rest, program);
}

function parseVerb<Context>(verb: VerbSpec<Context>, args: string[], program: string): ParsedCommandLine<Context> {
  const options = { ...(verb.options ?? {}), ...HELP_FLAG };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: verb.positionals === true }) as typeof parsed;
  } catch (error) {
    return { kind: 'usage_error', message: describeParseError(error, verb, program) };
  }
  if (parsed.values.help === true) return { kind: 'help', text: verbHelp(verb, program) };
  return { kind: 'run', verb, values: parsed.values, positionals: parsed.positionals };
}

/** parseArgs' messages are long and name no fix; say which flag, the close one, and where help is. */
function describeParseError<Context>(error: unknown, verb: VerbSpec<Context>, program: string): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const seeHelp = `See "${program} ${verb.name} --help".`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'([^']+)'/.exec(message)?.[1] ?? '';
    const hint = suggestWord(flag.replace(/^-+/, ''), [...Object.keys(verb.options ?? {}), 'help']);
    const did = hint ? ` Did you mean --${hint}?` : '';
    // `fix "-bash: claude: not found"`: the text itself starts with a dash.
    const dash = verb.positionals && !hint ? ` If that is part of the text, put -- before the text: ${program} ${verb.name} -- "<text>".` : '';
    return `${program} ${verb.name}: unknown option "${flag}".${did}${dash} ${seeHelp}`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const word = /'([^']+)'/.exec(message)?.[1] ?? '';
    return `${program} ${verb.name}: takes no arguments, got "${word}". ${seeHelp}`;
  }
  return `${program} ${verb.name}: ${message} ${seeHelp}`;
}

function findVerb<Context>(verbs: VerbSpec<Context>[], name: string): VerbSpec<Context> {
  const verb = verbs.find((v) => v.name === name);
  if (!verb) throw new Error(`the verb table has no "${name}"`);
  return verb;
}

function overview<Context>(verbs: VerbSpec<Context>[], program: string): string {
  const width = Math.max(...verbs.map((v) => v.usage.length)) + 2;
  const lines = verbs.map((v) => `  ${program} ${v.usage.padEnd(width)}${v.summary}`);
  return [
    `${program}: is Claude down, and what do I do about this error?`,
    '',
    'Usage:',
    ...lines,
    `  ${program} ${'--version'.padEnd(width)}print the version`,
    '',
    `"${program} <command> --help" says more about one command.`,
    'Configuration comes from the environment and .env (see .env.example).',
  ].join('\n');
}

function verbHelp<Context>(verb: VerbSpec<Context>, program: string): string {
  const flags = Object.entries({ ...(verb.options ?? {}), help: { type: 'boolean', short: 'h', description: 'show this help' } as VerbOption });
  const rendered = flags.map(([name, o]) => `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ' <value>' : ''}`);
  const width = Math.max(...rendered.map((r) => r.length)) + 2;
  return [
    `Usage: ${program} ${verb.usage}`,
    '',
    verb.summary.charAt(0).toUpperCase() + verb.summary.slice(1) + '.',
    ...(verb.details ? ['', verb.details] : []),
    '',
    'Options:',
    ...flags.map(([, o], i) => `  ${rendered[i]!.padEnd(width)}${o.description}`),
  ].join('\n');
}
