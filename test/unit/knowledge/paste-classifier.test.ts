import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixCommand } from '../../../src/commands/fix.js';
import { LEARNED_NOTE } from '../../../src/commands/fix-reply.js';
import { frontMatterSchema, type KnowledgeEntry } from '../../../src/knowledge/entry-schema.js';
import { DEFAULT_PASTES_FILE, loadPastes, type LabelledPaste } from '../../../src/knowledge/eval/load-pastes.js';
import { trainingDocs } from '../../../src/knowledge/eval/training-docs.js';
import { createKnowledgeBase } from '../../../src/knowledge/knowledge-base.js';
import { loadKnowledge } from '../../../src/knowledge/load-knowledge.js';
import { BUILTIN_MODEL_FILE, loadModel } from '../../../src/knowledge/load-model.js';
import { createClassifier, formatModel, leadOf, termCounts, tokenize, trainClassifier, type TrainingDoc } from '../../../src/knowledge/paste-classifier.js';
import { builtinRules } from './knowledge-fixture.js';
import { NOW, greenStatus } from './live-status-fixture.js';

// Constructed documents, not collected: three small "entries" with the words their reports tend to use.
const DOCS: TrainingDoc[] = [
  { text: 'credit balance too low to access the api, buy credits', label: 'billing' },
  { text: 'your credit balance is too low, add credits in plans and billing', label: 'billing' },
  { text: 'billing: credit balance exhausted', label: 'billing' },
  { text: 'mcp server failed to start, server disconnected', label: 'mcp' },
  { text: 'the mcp server disconnected right after it started', label: 'mcp' },
  { text: 'mcp server transport closed unexpectedly', label: 'mcp' },
  { text: 'connection refused, could not reach the host', label: 'network' },
  { text: 'connection reset by peer while reaching the host', label: 'network' },
];

const entry = (id: string, match: Record<string, unknown> = {}): KnowledgeEntry => ({
  ...frontMatterSchema.parse({ id, title: `Title of ${id}`, meaning: 'A test entry.', blame: 'local', match, sources: ['https://example.com/x'] }),
  steps: ['Do the thing.'],
  file: `${id}.md`,
  origin: 'extra',
});

describe('tokenize and termCounts', () => {
  it('lowercases words, pairs CJK characters and drops id-like runs', () => {
    expect(tokenize('API Error: 429 Rate_Limit')).toEqual(['api', 'error', '429', 'rate_limit']);
    expect(tokenize('认证失败')).toEqual(['认证', '证失', '失败']);
    expect(tokenize(`token ${'a'.repeat(41)} end`)).toEqual(['token', 'end']);
  });

  it('counts words and neighbouring pairs', () => {
    const counts = termCounts('rate limit rate limit');
    expect(counts.get('rate')).toBe(2);
    expect(counts.get('rate limit')).toBe(2);
    expect(counts.get('limit rate')).toBe(1);
  });
});

describe('trainClassifier and createClassifier', () => {
  const model = trainClassifier(DOCS);
  const classify = createClassifier(model);

  it('names the class whose reports a new text resembles', () => {
    expect(classify('Error: credit balance is too low')[0]?.label).toBe('billing');
    expect(classify('MCP server disconnected')[0]?.label).toBe('mcp');
    expect(classify('connection refused by host')[0]?.label).toBe('network');
    const shares = classify('credit balance').map((prediction) => prediction.share);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(leadOf(classify('credit balance'))).toBeGreaterThan(0);
  });

  it('keeps only terms seen in two documents or more, and answers nothing for unknown words', () => {
    expect(model.terms['credit']).toBeDefined();
    expect(model.terms['exhausted']).toBeUndefined();
    expect(classify('zebra quantum')).toEqual([]);
  });

  it('is deterministic: the same documents give the same model file', () => {
    expect(formatModel(trainClassifier(DOCS))).toBe(formatModel(model));
    expect(JSON.parse(formatModel(model))).toEqual(model);
  });
});

describe('the committed model', () => {
  const pastes = loadPastes(DEFAULT_PASTES_FILE);

  it('equals a fresh training on the tune pastes and the entries\' examples (run npm run train:fix when it does not)', () => {
    const fresh = formatModel(trainClassifier(trainingDocs(pastes, builtinRules().entries)));
    expect(readFileSync(BUILTIN_MODEL_FILE, 'utf8') === fresh, 'src/knowledge/model/paste-model.json is stale: run npm run train:fix').toBe(true);
  });

  it('never learns from a held-out paste, and refuses a label no entry has', () => {
    const entries = builtinRules().entries;
    const docs = trainingDocs(pastes, entries);
    const tune = pastes.filter((paste) => paste.split === 'tune');
    const heldout = pastes.filter((paste) => paste.split === 'heldout');
    expect(heldout.length).toBeGreaterThan(0);
    expect(docs.length).toBe(tune.length + entries.reduce((sum, item) => sum + item.examples.length, 0));
    // Adding or removing held-out pastes changes nothing the classifier learns from.
    expect(trainingDocs(tune, entries)).toEqual(docs);
    const stray: LabelledPaste = { text: 'x', expected: 'no-such-entry', category: 'classic', source: 'https://example.com/1', split: 'tune' };
    expect(() => trainingDocs([stray], builtinRules().entries)).toThrow(/no-such-entry/);
  });
});

describe('loadModel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paste-model-'));

  it('reads the built-in model, and gives null when there is no file (the rules answer alone)', () => {
    expect(loadModel()?.classes.length).toBe(builtinRules().entries.length);
    expect(loadModel(join(dir, 'absent.json'))).toBeNull();
  });

  it('names the file when it is not JSON, not the model\'s shape, or names a class it lacks', () => {
    const write = (name: string, text: string): string => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    };
    expect(() => loadModel(write('broken.json', '{"version": 1,'))).toThrow(/broken\.json: not JSON; run npm run train:fix/);
    expect(() => loadModel(write('shape.json', '{"version": 2, "alpha": 0.3, "classes": [], "terms": {}}'))).toThrow(/shape\.json/);
    const stray = { version: 1, alpha: 0.3, classes: ['a'], terms: { word: [1.5, [3, 0.5]] } };
    expect(() => loadModel(write('class.json', JSON.stringify(stray)))).toThrow(/class\.json: term "word" names a class/);
  });
});

describe('loadKnowledge and the model file', () => {
  it('reads the model only when a lookup needs it, and with a broken file warns once and answers with the rules alone', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'paste-model-')), 'paste-model.json');
    writeFileSync(file, '{"version": 1,');
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning.message);
    };
    process.on('warning', onWarning);
    try {
      const knowledge = loadKnowledge({ extraDir: null, modelFile: file });
      // A worded answer never reaches the classifier, so the file is not read.
      expect(knowledge.lookup('API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}').best?.entry.id).toBe('overloaded-529');
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
      const paste = '用 Claude 插件一直报错，重启也没用';
      expect(knowledge.lookup(paste).best).toBeNull();
      expect(knowledge.lookup(paste).best).toBeNull();
      // Node delivers process warnings on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([`${file}: not JSON; run npm run train:fix to write it again; /claude-fix answers with the rules alone`]);
  });

  it('tells the bot about a broken model file instead of warning, and what chose every answer', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'paste-model-')), 'paste-model.json');
    writeFileSync(file, '{"version": 2, "alpha": 0.3, "classes": [], "terms": {}}');
    const errors: string[] = [];
    const bases: string[] = [];
    const knowledge = loadKnowledge({ extraDir: null, modelFile: file, onModelError: (error) => errors.push(error.message), onAnswer: (basis) => bases.push(basis) });
    knowledge.lookup('API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}');
    knowledge.lookup('用 Claude 插件一直报错，重启也没用');
    knowledge.lookup('用 Claude 插件一直报错，重启也没用');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/paste-model\.json: .*; \/claude-fix answers with the rules alone$/);
    expect(bases).toEqual(['worded', 'none', 'none']);
    const counted: string[] = [];
    loadKnowledge({ extraDir: null, onAnswer: (basis) => counted.push(basis) }).lookup('用 Claude 插件一直报错，重启也没用');
    expect(counted).toEqual(['learned']);
  });

  it('answers with the built-in model by default, where the rules have no answer', () => {
    expect(loadKnowledge({ extraDir: null }).lookup('用 Claude 插件一直报错，重启也没用').best?.basis).toBe('learned');
  });
});

describe('rules first, the classifier when they have no worded answer', () => {
  const entries = [
    entry('billing', { patterns: ['credit balance is too low'], weight: 60 }),
    entry('mcp', { patterns: ['E_MCP_NEVER_PRINTED'] }),
    entry('network', { status: [503] }),
  ];
  const withModel = createKnowledgeBase(entries, { classifier: createClassifier(trainClassifier(DOCS)) });
  const rulesAlone = createKnowledgeBase(entries);

  it('never replaces a worded rule answer', () => {
    const paste = 'Error: your credit balance is too low; the mcp server disconnected';
    expect(withModel.lookup(paste).best).toMatchObject({ entry: { id: 'billing' }, basis: 'worded' });
  });

  it('answers a failure no pattern knows, says it learned it, and offers the runners-up', () => {
    const paste = 'Failed: the MCP server disconnected right after it started';
    expect(rulesAlone.lookup(paste).best).toBeNull();
    const result = withModel.lookup(paste);
    expect(result.best).toMatchObject({ entry: { id: 'mcp' }, basis: 'learned' });
    expect(result.alternatives.map((other) => other.id)).not.toContain('mcp');
    expect(result.alternatives.length).toBeGreaterThan(0);
    expect(result.closest).toEqual([]);
  });

  it('never replaces a rule answer, not even a bare status inside a longer paste', () => {
    expect(withModel.lookup('503').best).toMatchObject({ entry: { id: 'network' }, basis: 'status' });
    const long = withModel.lookup('503 from the mcp server: it disconnected right after it started');
    expect(long.best).toMatchObject({ entry: { id: 'network' }, basis: 'status' });
  });

  it('leaves a remark or a question that reports no failure unanswered', () => {
    expect(withModel.lookup('how do credits and the mcp server work together').best).toBeNull();
  });

  it('ignores a class the entries do not have (an operator\'s knowledge folder without it)', () => {
    const fewer = createKnowledgeBase([entries[0] as KnowledgeEntry], { classifier: createClassifier(trainClassifier(DOCS)) });
    expect(fewer.lookup('Failed: the MCP server disconnected right after it started').best).toBeNull();
  });
});

describe('/claude-fix with a learned answer', () => {
  const knowledge = createKnowledgeBase([entry('billing', { patterns: ['credit balance is too low'], weight: 60 }), entry('mcp', { patterns: ['E_MCP_NEVER_PRINTED'] }), entry('network', { status: [503] })], {
    classifier: createClassifier(trainClassifier(DOCS)),
  });
  const fix = createFixCommand({ knowledge, getLiveStatus: () => greenStatus(), clock: { now: () => NOW } });
  const ask = (text: string) => fix({ command: 'fix', text, platform: 'slack', userId: 'U1', channelId: 'C1', isAdmin: false });

  it('tells the user the answer is a likely match, not a known wording', async () => {
    const reply = await ask('Failed: the MCP server disconnected right after it started');
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'Title of mcp' });
    expect(JSON.stringify(reply.blocks)).toContain(LEARNED_NOTE);
    expect(reply.summary).toContain('likely Title of mcp');
  });

  it('says nothing of the kind when a known wording answered', async () => {
    const reply = await ask('Error: your credit balance is too low');
    expect(JSON.stringify(reply.blocks)).not.toContain(LEARNED_NOTE);
    expect(reply.summary).not.toContain('likely');
  });
});
