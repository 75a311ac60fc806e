import { describe, expect, it } from 'vitest';
import { parseCommandLine, type VerbSpec } from '../../../src/main/parse-cli.js';
import { suggestWord } from '../../../src/main/suggest-word.js';

const run = async () => 0;
const VERBS: VerbSpec<null>[] = [
  { name: 'start', summary: 'run the bot', usage: 'start', run },
  { name: 'status', summary: 'what is broken', usage: 'status [--refresh]', options: { refresh: { type: 'boolean', short: 'r', description: 'read now' } }, run },
  { name: 'fix', summary: 'what an error means', usage: 'fix "<error>"', positionals: true, run },
];
const parse = (...argv: string[]) => parseCommandLine(argv, VERBS, 'cob', 'start');
const message = (...argv: string[]) => {
  const parsed = parse(...argv);
  return parsed.kind === 'usage_error' ? parsed.message : `not an error: ${parsed.kind}`;
};

describe('parseCommandLine', () => {
  it('runs the default verb with no arguments, and a verb with its flags and words', () => {
    expect(parse()).toMatchObject({ kind: 'run', verb: { name: 'start' } });
    expect(parse('status', '-r')).toMatchObject({ kind: 'run', verb: { name: 'status' }, values: { refresh: true } });
    expect(parse('fix', 'API', 'Error:', '529')).toMatchObject({ kind: 'run', positionals: ['API', 'Error:', '529'] });
    expect(parse('fix', '--', '-bash: claude: not found')).toMatchObject({ kind: 'run', positionals: ['-bash: claude: not found'] });
  });

  it('knows help and version in every spelling', () => {
    for (const argv of [['--version'], ['-V'], ['version']]) expect(parse(...argv)).toEqual({ kind: 'version' });
    for (const argv of [['--help'], ['-h'], ['help']]) expect(parse(...argv)).toMatchObject({ kind: 'help', text: expect.stringContaining('cob status [--refresh]') });
    expect(parse('help', 'fix')).toEqual(parse('fix', '-h'));
    expect(parse('fix', '--help')).toMatchObject({ kind: 'help', text: expect.stringMatching(/^Usage: cob fix "<error>"/) });
  });

  it('refuses what it does not know, suggesting the close one', () => {
    expect(message('stauts')).toBe('cob: unknown command "stauts". Did you mean "status"? See "cob --help".');
    expect(message('frobnicate')).toBe('cob: unknown command "frobnicate". See "cob --help".');
    expect(message('--hlep')).toContain('Did you mean --help?');
    expect(message('status', '--refrsh')).toBe('cob status: unknown option "--refrsh". Did you mean --refresh? See "cob status --help".');
    expect(message('status', 'now')).toBe('cob status: takes no arguments, got "now". See "cob status --help".');
    expect(message('start', '--refresh')).toContain('cob start: unknown option "--refresh".');
    expect(message('status', '--refresh=yes')).toContain('cob status:');
  });
});

describe('suggestWord', () => {
  it('finds typos (swap, drop, extra letter) and nothing for a different word', () => {
    expect(suggestWord('refrsh', ['refresh', 'verbose'])).toBe('refresh');
    expect(suggestWord('stats', ['start', 'status'])).toBe('status');
    expect(suggestWord('fxi', ['fix', 'demo'])).toBe('fix');
    expect(suggestWord('deploy', ['start', 'status', 'fix', 'demo'])).toBeNull();
  });
});
