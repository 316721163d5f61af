import { terminalSafe } from './terminal-safe.js';

/**
 * Escaping for the report formats. Names, tags, ARNs and policy text come from AWS and are
 * attacker-controlled: every one of them goes through one of these before it reaches a report.
 */

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text safe inside HTML element content and quoted attribute values; control characters are shown
 * as escapes, as on the terminal.
 */
export function escapeHtml(text: string): string {
  const safe = terminalSafe(text);
  return HTML_SPECIAL.test(safe) ? safe.replace(HTML_SPECIAL_ALL, (c) => htmlEntities[c] as string) : safe;
}

const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIAL_ALL = /[&<>"']/g;

/**
 * Text shown literally in Markdown: as inline code, with a fence longer than any run of
 * backticks inside, and with line breaks and pipes made harmless so a table row stays one row.
 */
export function markdownCode(text: string): string {
  // Reports are read with `cat` too: control characters are shown as escapes, as on the terminal.
  const flat = terminalSafe(text.replace(/[\r\n]+/g, ' ')).replace(/\|/g, '\\|');
  let fence = '`';
  while (flat.includes(fence)) fence += '`';
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
