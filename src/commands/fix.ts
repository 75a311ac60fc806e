import type { LiveStatusReader, LiveStatusView } from '../incidents/live-status.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { buildFixReply, boundReply } from './fix-reply.js';
import { decideVerdict } from './fix-verdict.js';
import type { CommandHandler, Reply } from './reply.js';

export interface FixCommandDeps {
  knowledge: KnowledgeBase;
  /** Reads what the bot already knows (store only): the command never touches the network. */
  getLiveStatus: LiveStatusReader;
  clock?: Clock;
}

// "--share" (or a leading "share") posts the answer for the whole channel instead of only the asker.
const SHARE = /(?:^|\s)(?:--share|share:)(?=\s|$)|^\s*share\s+/i;

const EXAMPLES = [
  '`500` or `529`: a status code',
  '`overloaded`, `rate limit`, `prompt is too long`: a name',
  'the whole error as Claude Code printed it, request id included',
];

function usageReply(getLiveStatus: () => LiveStatusView | null, knowledge: KnowledgeBase, now: Date): Reply {
  const verdict = decideVerdict({ entry: null, parsed: knowledge.lookup('').parsed, live: getLiveStatus(), now });
  return boundReply({
    blocks: [
      { type: 'header', text: 'Fix a Claude error' },
      { type: 'text', text: 'Paste the error you see, or give its code or name:' },
      { type: 'bullets', items: EXAMPLES },
      ...(verdict.incident ? [{ type: 'notice' as const, level: verdict.level, text: verdict.line }] : []),
      { type: 'links', links: [{ label: 'Error reference', url: 'https://code.claude.com/docs/en/errors' }] },
    ],
    visibility: 'ephemeral',
    summary: 'Paste an error, a status code or a name to get the fix.',
  });
}

/** A last-resort answer: `/claude-fix` must answer something, whatever went wrong inside. */
const fallbackReply = (): Reply => ({
  blocks: [
    { type: 'header', text: 'No answer this time' },
    { type: 'text', text: 'Something went wrong reading this error. Check status.claude.com and the error reference.' },
    { type: 'links', links: [{ label: 'Error reference', url: 'https://code.claude.com/docs/en/errors' }, { label: 'Status page', url: 'https://status.claude.com' }] },
  ],
  visibility: 'ephemeral',
  summary: 'No answer this time: check status.claude.com.',
});

export function createFixCommand(deps: FixCommandDeps): CommandHandler {
  const clock = deps.clock ?? systemClock;
  // A broken status reader must not cost the user their answer: treat it as "status unknown".
  const readLive = (): LiveStatusView | null => {
    try {
      return deps.getLiveStatus();
    } catch {
      return null;
    }
  };

  return (request) => {
    try {
      const share = SHARE.test(request.text);
      const text = request.text.replace(SHARE, ' ').trim();
      const now = clock.now();
      if (text === '') return usageReply(readLive, deps.knowledge, now);
      const lookup = deps.knowledge.lookup(text);
      const verdict = decideVerdict({ entry: lookup.best?.entry ?? null, parsed: lookup.parsed, live: readLive(), now });
      return buildFixReply({ lookup, verdict, share });
    } catch {
      return fallbackReply();
    }
  };
}
