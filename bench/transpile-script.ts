import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ts from 'typescript';

/**
 * Turns a self-contained bench script into plain JavaScript in a temp folder, so it runs
 * under bare `node` (no tsx loader in the measured process, as with the built bot).
 */
export function transpileScript(path: string): string {
  const { outputText } = ts.transpileModule(readFileSync(path, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const out = join(mkdtempSync(join(tmpdir(), 'cob-bench-js-')), basename(path).replace(/\.ts$/, '.mjs'));
  writeFileSync(out, outputText);
  return out;
}
