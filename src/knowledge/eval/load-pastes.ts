import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The labelled set kept with the tests (one JSON object a line). */
export const DEFAULT_PASTES_FILE = fileURLToPath(new URL('../../../test/fixtures/fix-pastes/pastes.jsonl', import.meta.url));

/** One real paste from a public tracker, labelled with the entry that should answer it. */
export const labelledPasteSchema = z
  .object({
    text: z.string().min(1),
    expected: z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/),
    category: z.string().min(2),
    /** Where the paste was copied from, so anyone can check the label. */
    source: z.string().regex(/^https:\/\/\S+$/),
    /** `tune` pastes may shape entries and patterns; `heldout` pastes are only ever scored. */
    split: z.enum(['tune', 'heldout']),
    /**
     * A held-out round this paste was first scored blind in, before it joined the tune split;
     * or `"8t"`: collected as tune on purpose while widening before round 8 (never blind).
     */
    round: z.union([z.number().int().min(1), z.string().regex(/^\d+t$/, 'must be a round number or a widening batch such as "8t"')]).optional(),
  })
  .strict();

export type LabelledPaste = z.infer<typeof labelledPasteSchema>;

/** Reads a JSONL file of labelled pastes; throws naming the line that is not valid. */
export function loadPastes(file: string): LabelledPaste[] {
  const pastes: LabelledPaste[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      let data: unknown;
      try {
        data = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${index + 1}: not JSON; fix the line`);
      }
      const parsed = labelledPasteSchema.safeParse(data);
      if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}; fix the line`);
      pastes.push(parsed.data);
    });
  return pastes;
}
