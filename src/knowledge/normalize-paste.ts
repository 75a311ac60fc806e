/**
 * Turns whatever a chat client delivered into one clean line of text: chat users paste
 * terminal output with ANSI colours, Claude Code's glyphs and retry lines, hard-wrapped
 * JSON, backticks, and Slack's HTML entities.
 */

/** Pastes are cut here: enough for an error plus its stack trace, bounded work for any input. */
export const MAX_INPUT_CHARS = 20_000;

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

// ESC sequences (CSI, OSC, two-byte), then the "[31m" left over when the ESC byte was lost in copying.
// eslint-disable-next-line no-control-regex -- matching terminal escape codes is the point
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]/g;
// Not Claude Code's 1M-context model suffix "sonnet[1m]", which has the same letters before its closing bracket.
const ORPHAN_SGR = /\[(?:\d{1,3}(?:;\d{1,3})*)?m(?!\])/g;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200d\ufeff]/g;
// Claude Code's tree and status glyphs, box drawing, bullets; block elements (U+2580–U+259F), which TUIs such as crush draw
// as logo art beside a wrapped error line.
const GLYPHS = /[⎿⏺✻✶✳✢·•●○◆◇❯›»│┃╭╮╰╯─━┌┐└┘├┤✗✘✓✔☒☐■□▶▸⏵⚠\u2580-\u259f]/g;

export function normalizePaste(raw: string): string {
  // NFKC folds full-width forms ("：", "（429）") that Chinese and Japanese keyboards produce around an error.
  let text = raw.slice(0, MAX_INPUT_CHARS).normalize('NFKC');
  // Slack sends links as <https://…|label>; keep the address.
  text = text.replace(/<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>/g, '$1');
  text = text.replace(/&(?:lt|gt|amp|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);
  text = text.replace(ANSI, '').replace(ORPHAN_SGR, '');
  text = text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  // Chat clients "smarten" quotes, which would hide JSON and "You've" from the patterns.
  text = text.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"');
  // Bug reports carry the error as an escaped JSON string inside JSON.
  text = text.replace(/\\+"/g, '"').replace(/\\n/g, '\n');
  text = text.replace(/```[A-Za-z0-9_-]*/g, ' ').replace(/`/g, '');
  text = text.replace(GLYPHS, ' ');
  // Chat quote marks at line starts.
  text = text.replace(/^[ \t]*>+[ \t]?/gm, '');
  // Hard-wrapped lines join with one space; a wrap right after "_" was inside an identifier.
  text = text.replace(/\s+/g, ' ').replace(/([a-z])_ (?=[a-z])/gi, '$1_');
  return text.trim();
}
