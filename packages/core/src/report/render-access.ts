import type { AccessResult } from '../access/access-of.js';
import { escapeHtml, markdownCode } from './escape.js';
import { htmlPage, type ReportFormat } from './report-format.js';
import { terminalSafe } from './terminal-safe.js';

/** Services whose access is critical whatever the resource: identity, federation, the organization, keys. */
const criticalServices = new Set(['iam', 'sts', 'organizations', 'kms']);

/**
 * `access` in plain words: one line per capability and service, with the resources named (up to
 * five in text and Markdown, all in HTML), critical services and conditional access flagged.
 * Every string from AWS is escaped for the format.
 */
export function renderAccess(result: AccessResult, format: ReportFormat): string {
  if (format === 'html') return renderHtml(result);
  const md = format === 'markdown';
  const code = md ? markdownCode : (text: string) => `\`${terminalSafe(text)}\``;
  const lines = [`${md ? '# ' : ''}${code(result.principal)} can:`];
  if (md) lines.push('');
  if (result.capabilities.length === 0)
    lines.push('- nothing: no action is allowed on any resource of the snapshot');
  for (const c of result.capabilities) {
    const shown = c.resources.slice(0, 5).map(code);
    const more = c.resources.length > 5 ? ` and ${c.resources.length - 5} more` : '';
    const flags = [
      criticalServices.has(c.service) ? 'critical' : '',
      c.conditional ? 'conditional' : '',
    ].filter(Boolean);
    lines.push(
      `- ${c.capability} in ${c.service}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}: ${count(c.resources.length, 'resource')} (${shown.join(', ')}${more}), ${count(c.actions.length, 'action')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function renderHtml(result: AccessResult): string {
  const rows = result.capabilities
    .map((c) => {
      const flags = [criticalServices.has(c.service) ? 'critical' : '', c.conditional ? 'conditional' : '']
        .filter(Boolean)
        .map((f) => ` <span class="flag">${f}</span>`)
        .join('');
      const list = (items: readonly string[]) => items.map((i) => `<code>${escapeHtml(i)}</code>`).join(' ');
      return `<tr><td>${c.capability}</td><td>${escapeHtml(c.service)}${flags}</td><td>${list(c.resources)}</td><td>${list(c.actions)}</td></tr>`;
    })
    .join('\n');
  const title = `What ${escapeHtml(result.principal)} can do`;
  return htmlPage(
    title,
    `<h1>${title}</h1>
<table><thead><tr><th>capability</th><th>service</th><th>resources</th><th>actions</th></tr></thead><tbody>
${rows}
</tbody></table>`,
  );
}
