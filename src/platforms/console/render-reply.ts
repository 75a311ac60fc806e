import type { Reply, ReplyBlock } from '../../commands/reply.js';
import { plain } from './render-card.js';

/** `**bold**` → upper-case-free plain text; `code` keeps its backticks for copy-paste clarity. */
const inline = (text: string): string => plain(text).replace(/\*\*(.+?)\*\*/g, '$1');

function renderBlock(block: ReplyBlock): string[] {
  switch (block.type) {
    case 'header':
      return [inline(block.text), '='.repeat(Math.min(60, inline(block.text).length))];
    case 'text':
      return [inline(block.text)];
    case 'notice': {
      const mark = { info: 'ℹ', ok: '✔', warning: '⚠', danger: '✖' }[block.level];
      return [`${mark} ${inline(block.text)}`];
    }
    case 'fields':
      return block.fields.map((f) => `${inline(f.label)}: ${inline(f.value)}`);
    case 'bullets':
      return block.items.map((item) => `  • ${inline(item)}`);
    case 'steps':
      return block.items.map((item, i) => `  ${i + 1}. ${inline(item)}`);
    case 'code':
      return plain(block.text)
        .split('\n')
        .map((line) => `    ${line}`);
    case 'links':
      return block.links.map((l) => `  → ${inline(l.label)}: ${l.url}`);
    case 'divider':
      return [''];
  }
}

/** A command reply as plain terminal text (CLI verbs and the console platform). */
export function renderReplyForConsole(reply: Reply): string {
  const lines = reply.blocks.flatMap(renderBlock);
  // A terminal shows no picture: say it exists (the CLI can save it with --png).
  if (reply.image) lines.push(`[chart: ${plain(reply.image.filename)}, not shown here]`);
  return lines.join('\n');
}
