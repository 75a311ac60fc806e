/**
 * `npm run eval:fix [file] [--split tune|heldout]`: how often /claude-fix names the right
 * entry first on real pastes. Tune on the `tune` split only; the `heldout` split is scored.
 */
import { loadKnowledge } from '../load-knowledge.js';
import { DEFAULT_PASTES_FILE, loadPastes } from './load-pastes.js';
import { formatEvalReport, scorePastes } from './score-pastes.js';

const args = process.argv.slice(2);
const splitAt = args.indexOf('--split');
const split = splitAt >= 0 ? args[splitAt + 1] : undefined;
// The value after --split is not a file; without --split every plain argument may be one.
const file = args.find((arg, index) => !arg.startsWith('--') && !(splitAt >= 0 && index === splitAt + 1)) ?? DEFAULT_PASTES_FILE;
const pastes = loadPastes(file).filter((paste) => split === undefined || paste.split === split);
console.log(formatEvalReport(scorePastes(loadKnowledge({ extraDir: null }), pastes)));
