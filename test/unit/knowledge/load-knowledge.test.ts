import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_ENTRIES_DIR, loadKnowledge } from '../../../src/knowledge/load-knowledge.js';
import { KnowledgeEntryError, parseEntryFile } from '../../../src/knowledge/parse-entry-file.js';

const RUNBOOK = `---
id: overloaded-529
title: Overloaded (our runbook)
meaning: Anthropic is overloaded; follow the team runbook for switching to Bedrock.
blame: anthropic
match:
  status: [529]
  types: [overloaded_error]
  patterns: ['overloaded']
  weight: 60
sources:
  - https://wiki.example.com/runbooks/claude-529
examples: ['529']
---
1. Post in #eng-ai that you are switching.
2. Run the team's Bedrock profile: see the wiki.
`;

const VPN = `---
id: corp-vpn
title: Corporate VPN drops Claude
meaning: Our VPN resets long connections to api.anthropic.com after 60 seconds.
blame: local
match:
  patterns: ['corpvpn', 'ECONNRESET.{0,80}10\\.8\\.']
sources: [https://wiki.example.com/vpn]
---
1. Switch to the split-tunnel VPN profile.
`;

describe('loadKnowledge', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('loads the built-in entries', () => {
    const knowledge = loadKnowledge({ extraDir: null });
    expect(knowledge.entries.length).toBeGreaterThanOrEqual(25);
    expect(knowledge.entries.every((entry) => entry.origin === 'builtin')).toBe(true);
  });

  it('lets KNOWLEDGE_DIR override an entry by id and add new ones', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'overloaded.md'), RUNBOOK);
    writeFileSync(join(dir, 'vpn.md'), VPN);
    writeFileSync(join(dir, 'README.txt'), 'not an entry');
    const builtin = loadKnowledge({ extraDir: null });
    const knowledge = loadKnowledge({ extraDir: dir });

    expect(knowledge.entries).toHaveLength(builtin.entries.length + 1);
    const overloaded = knowledge.lookup('API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}');
    expect(overloaded.best?.entry.title).toBe('Overloaded (our runbook)');
    expect(overloaded.best?.entry.origin).toBe('extra');
    expect(knowledge.lookup('corpvpn keeps dropping').best?.entry.id).toBe('corp-vpn');
  });

  it('names the file and the field of an invalid entry', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.md'), RUNBOOK.replace('blame: anthropic', 'blame: somebody'));
    expect(() => loadKnowledge({ extraDir: dir })).toThrow(KnowledgeEntryError);
    expect(() => loadKnowledge({ extraDir: dir })).toThrow(/broken\.md: field "blame"/);
  });

  it('rejects a bad regular expression, a missing source and missing steps', () => {
    expect(() => parseEntryFile(VPN.replace("'corpvpn'", "'(unclosed'"), 'a.md', 'extra')).toThrow(/a\.md: field "match\.patterns\.0": is not a valid regular expression/);
    expect(() => parseEntryFile(VPN.replace('sources: [https://wiki.example.com/vpn]', 'sources: []'), 'b.md', 'extra')).toThrow(/b\.md: field "sources"/);
    expect(() => parseEntryFile(VPN.replace('1. Switch to the split-tunnel VPN profile.', 'Just a paragraph.'), 'c.md', 'extra')).toThrow(/c\.md: field "steps"/);
    expect(() => parseEntryFile('no front matter', 'd.md', 'extra')).toThrow(/d\.md: missing YAML front matter/);
  });

  it('rejects a pattern that would rescan the paste from every position, in any match list, and takes it anchored', () => {
    // An operator's runbook entry is as able as ours to make every /claude-fix lookup quadratic in the paste's length.
    const unanchored = VPN.replace("'corpvpn'", "'(?=[\\s\\S]*corpvpn)[\\s\\S]*reset by peer'");
    expect(() => parseEntryFile(unanchored, 'e.md', 'extra')).toThrow(/e\.md: field "match\.patterns\.0": crosses the whole paste .* start it with \^/);
    const unlessDotStar = VPN.replace("patterns: ['corpvpn',", "unless: ['vpn.*disabled']\n  patterns: ['corpvpn',");
    expect(() => parseEntryFile(unlessDotStar, 'f.md', 'extra')).toThrow(/f\.md: field "match\.unless\.0": crosses the whole paste/);
    // Anchored, escaped dots and bounded runs are fine.
    const anchored = VPN.replace("'corpvpn'", "'^(?=[\\s\\S]*corpvpn)[\\s\\S]*reset by peer', 'vpn\\.*corp', 'vpn.{0,40}dropped'");
    expect(parseEntryFile(anchored, 'g.md', 'extra').match.patterns).toHaveLength(4);
  });

  it('rejects two files with the same id in one folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'one.md'), VPN);
    writeFileSync(join(dir, 'two.md'), VPN);
    expect(() => loadKnowledge({ extraDir: dir })).toThrow(/two\.md: field "id": "corp-vpn" is already used/);
  });

  it('says so when KNOWLEDGE_DIR does not exist', () => {
    expect(() => loadKnowledge({ extraDir: join(tmpdir(), 'no-such-knowledge-dir-xyz') })).toThrow(/KNOWLEDGE_DIR does not exist/);
  });

  it('reads steps that wrap onto indented lines', () => {
    const text = readFileSync(join(BUILTIN_ENTRIES_DIR, 'overloaded-529.md'), 'utf8').replace(
      '2. Switch model',
      '2. Switch\n   model',
    );
    const entry = parseEntryFile(text, 'x.md', 'builtin');
    expect(entry.steps[1]).toMatch(/^Switch model with/);
  });
});
