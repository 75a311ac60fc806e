// HTML that looks like Slack and Discord, for the README pictures. It draws exactly the
// fields the renderers produced (no text of its own besides the app chrome).
import type { DiscordMessageParts } from '../src/platforms/discord/render-card.js';
import type { SlackCardMessage } from '../src/platforms/slack/render-card.js';

const EMOJI: Record<string, string> = {
  ':red_circle:': '🔴',
  ':large_orange_circle:': '🟠',
  ':large_yellow_circle:': '🟡',
  ':large_blue_circle:': '🔵',
  ':white_circle:': '⚪',
  ':white_check_mark:': '✅',
  ':warning:': '⚠️',
  ':grey_question:': '❔',
};
const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const emoji = (text: string): string => text.replace(/:[a-z_]+:/g, (code) => EMOJI[code] ?? code);
const BOT = 'claude-outage-bot';
const AVATAR = `<div class="avatar">C</div>`;

/** Slack mrkdwn as our renderer writes it: &amp;/&lt;/&gt; already escaped, *bold*, <url|label>, newlines. */
function mrkdwn(text: string): string {
  return emoji(text)
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '<a href="$1">$2</a>')
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1<b>$2</b>')
    .replace(/\n/g, '<br>');
}

interface SlackBlock {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { text: string }[];
}

function slackBlock(block: SlackBlock): string {
  if (block.type === 'section' && block.fields) return `<div class="fields">${block.fields.map((f) => `<div>${mrkdwn(f.text)}</div>`).join('')}</div>`;
  if (block.type === 'section' && block.text) return `<div class="section">${mrkdwn(block.text.text)}</div>`;
  if (block.type === 'context' && block.elements) return `<div class="context">${block.elements.map((e) => mrkdwn(e.text)).join(' · ')}</div>`;
  throw new Error(`no drawing for Slack block ${block.type}`);
}

export function slackPage(message: SlackCardMessage): string {
  const header = message.blocks[0] as unknown as { text: { text: string } };
  const attachment = message.attachments[0];
  const body = ((attachment?.blocks ?? []) as unknown as SlackBlock[]).map(slackBlock).join('');
  return `<!doctype html><meta charset="utf-8"><style>
body{margin:0;background:#fff;font:15px/1.46668 "Liberation Sans",Lato,Arial,sans-serif;color:#1d1c1d}
.msg{display:flex;gap:8px;padding:16px 20px}
.avatar{width:36px;height:36px;border-radius:6px;background:#d97757;color:#fff;font-weight:700;display:flex;align-items:center;justify-content:center;flex:none}
.name{font-weight:900}.app{background:#e8e8e8;color:#616061;font-size:10px;font-weight:700;padding:1px 3px;border-radius:2px;margin:0 4px}.time{color:#616061;font-size:12px}
.header{font-size:18px;font-weight:900;margin:6px 0 4px}
.att{display:flex;margin-top:4px}.bar{width:4px;border-radius:8px;background:${attachment?.color ?? '#ddd'};flex:none}
.attbody{padding:0 12px}.fields{display:grid;grid-template-columns:1fr 1fr;gap:8px 24px;margin:4px 0 10px}
.section{margin:0 0 10px}.context{color:#616061;font-size:13px;margin:0 0 10px}a{color:#1264a3;text-decoration:none}
</style><div class="msg">${AVATAR}<div><div><span class="name">${BOT}</span><span class="app">APP</span><span class="time">5:28 PM</span></div>
<div class="header">${emoji(escapeHtml(header.text.text))}</div>
<div class="att"><div class="bar"></div><div class="attbody">${body}</div></div></div></div>`;
}

/** Discord markdown as our renderer writes it: \\-escapes, **bold**, <t:unix:f> timestamps. */
function discordMarkdown(text: string): string {
  const stamped = text.replace(/<t:(\d+):[a-zA-Z]>/g, (_, s: string) => discordDate(Number(s) * 1000));
  return escapeHtml(stamped)
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
    .replace(/\\([\\*_~`|>#-])/g, '$1')
    .replace(/\n/g, '<br>');
}

const discordDate = (ms: number): string =>
  new Date(ms).toLocaleString('en-US', { timeZone: 'UTC', month: 'long', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' });

export function discordPage(message: DiscordMessageParts): string {
  const embed = message.embeds[0];
  if (!embed) throw new Error('no embed');
  const colour = `#${(embed.color ?? 0).toString(16).padStart(6, '0')}`;
  const fields = (embed.fields ?? []).map((f) => `<div class="field"><div class="fname">${discordMarkdown(f.name)}</div><div>${discordMarkdown(f.value)}</div></div>`).join('');
  const buttons = message.components.flatMap((row) => row.components).map((b) => `<span class="button">${escapeHtml('label' in b ? String(b.label) : '')} ↗</span>`);
  const title = embed.url ? `<a href="${escapeHtml(embed.url)}">${discordMarkdown(embed.title ?? '')}</a>` : discordMarkdown(embed.title ?? '');
  return `<!doctype html><meta charset="utf-8"><style>
body{margin:0;background:#313338;font:16px/1.375 "Liberation Sans","gg sans",Arial,sans-serif;color:#dbdee1}
.msg{display:flex;gap:16px;padding:16px 20px}
.avatar{width:40px;height:40px;border-radius:50%;background:#d97757;color:#fff;font-weight:700;display:flex;align-items:center;justify-content:center;flex:none}
.name{color:#f2f3f5;font-weight:600}.app{background:#5865f2;color:#fff;font-size:10px;font-weight:600;padding:1px 4px;border-radius:3px;margin:0 6px}.time{color:#949ba4;font-size:12px}
.embed{margin-top:6px;max-width:520px;background:#2b2d31;border-left:4px solid ${colour};border-radius:4px;padding:8px 16px 16px 12px;font-size:14px}
.title{font-weight:600;font-size:16px;margin:8px 0}.title a{color:#00a8fc;text-decoration:none}
.desc{margin-bottom:8px}.fields{display:grid;grid-template-columns:repeat(3,1fr);gap:8px}
.fname{font-weight:600;color:#f2f3f5}.footer{margin-top:8px;color:#b5bac1;font-size:12px}
.button{display:inline-block;margin-top:8px;background:#4e5058;color:#fff;font-size:14px;padding:4px 16px;border-radius:3px}
</style><div class="msg">${AVATAR}<div><div><span class="name">${BOT}</span><span class="app">APP</span><span class="time">Today at 5:28 PM</span></div>
<div class="embed"><div class="title">${title}</div>${embed.description ? `<div class="desc">${discordMarkdown(embed.description)}</div>` : ''}
<div class="fields">${fields}</div><div class="footer">${escapeHtml(embed.footer?.text ?? '')}${embed.timestamp ? ` • ${discordDate(Date.parse(embed.timestamp))}` : ''}</div></div>
<div>${buttons.join(' ')}</div></div></div>`;
}
