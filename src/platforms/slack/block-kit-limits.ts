/**
 * Block Kit limits Slack enforces with `invalid_blocks` / `msg_too_long`. Renderers cut
 * to these so a long status update is shortened, never rejected.
 * @see https://docs.slack.dev/reference/block-kit/blocks
 * @see https://docs.slack.dev/reference/methods/chat.postMessage#truncating
 */
export const LIMITS = {
  /** Top-level `text` (Slack truncates beyond 40,000). */
  text: 40_000,
  /** What we put in the notification `text`: a line, not a page. */
  fallback: 300,
  header: 150,
  sectionText: 3_000,
  field: 2_000,
  fieldsPerSection: 10,
  contextElements: 10,
  blocks: 50,
} as const;

/** Slack wants colours as `#rrggbb`. */
export const hexColour = (rgb: number): string => `#${rgb.toString(16).padStart(6, '0')}`;
