import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ClassifierModel } from './paste-classifier.js';

/** The trained model ships next to this module (`npm run train:fix` writes it; the build copies it to dist). */
export const BUILTIN_MODEL_FILE = fileURLToPath(new URL('./model/paste-model.json', import.meta.url));

const modelSchema = z
  .object({
    version: z.literal(1),
    alpha: z.number().positive(),
    classes: z.array(z.string().min(1)),
    terms: z.record(z.string(), z.tuple([z.number().positive()]).rest(z.tuple([z.number().int().nonnegative(), z.number().nonnegative()]))),
  })
  .strict();

/** Reads and checks a model file; null when there is none (the rules then answer alone). Throws naming the file when it is broken. */
export function loadModel(file: string = BUILTIN_MODEL_FILE): ClassifierModel | null {
  if (!existsSync(file)) return null;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`${file}: not JSON; run npm run train:fix to write it again`);
  }
  const parsed = modelSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues[0]?.message ?? 'invalid'}; run npm run train:fix to write it again`);
  const classes = parsed.data.classes.length;
  for (const [term, [, ...byClass]] of Object.entries(parsed.data.terms)) {
    if (byClass.some(([label]) => label >= classes)) throw new Error(`${file}: term "${term}" names a class the model does not have; run npm run train:fix`);
  }
  return parsed.data as ClassifierModel;
}
