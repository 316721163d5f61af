import type { WhoCanPrincipal, WhoCanResult } from '../access/who-can.js';
import { escapeHtml, markdownCode } from './escape.js';
import { htmlPage, type ReportFormat } from './report-format.js';
import { terminalSafe } from './terminal-safe.js';

/**
 * `who-can` in plain words: each principal with its capabilities, actions and the statements that
 * grant them; outsiders and the public first (the result is already in that order). Every string
 * from AWS is escaped for the format.
 */
export function renderWhoCan(result: WhoCanResult, format: ReportFormat): string {
  if (format === 'html') return renderHtml(result);
  const md = format === 'markdown';
  const code = md ? markdownCode : (text: string) => `\`${terminalSafe(text)}\``;
  const lines = [
    `${md ? '# ' : ''}Who can reach ${code(result.resource)}: ${result.principals.length} principal${result.principals.length === 1 ? '' : 's'}`,
  ];
  if (md) lines.push('');
  for (const p of result.principals) {
    lines.push(
      `- ${who(p, code)}${p.external ? ' [outside the account]' : ''}: ${p.capabilities.join(', ')}${conditionOf(p, code)}`,
    );
    lines.push(`    actions: ${p.actions.map(code).join(', ')}`);
    for (const r of p.via) {
      const sid = r.sid !== undefined ? ` (Sid ${code(r.sid)})` : '';
      lines.push(`    via statement ${r.statement}${sid} of ${r.policyType} policy ${code(r.policy)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function who(p: WhoCanPrincipal, code: (text: string) => string): string {
  return p.arn === 'anonymous' ? 'anyone (public, unauthenticated)' : code(p.arn);
}

function conditionOf(p: WhoCanPrincipal, code: (text: string) => string): string {
  return p.conditional ? ` (conditional on ${p.conditionKeys.map(code).join(', ')})` : '';
}

function renderHtml(result: WhoCanResult): string {
  const rows = result.principals
    .map((p) => {
      const name =
        p.arn === 'anonymous' ? 'anyone (public, unauthenticated)' : `<code>${escapeHtml(p.arn)}</code>`;
      const condition = p.conditional
        ? `<span class="flag">conditional</span> on ${p.conditionKeys.map((k) => `<code>${escapeHtml(k)}</code>`).join(', ')}`
        : '';
      const via = p.via
        .map(
          (r) =>
            `statement ${r.statement}${r.sid !== undefined ? ` (${escapeHtml(r.sid)})` : ''} of ${r.policyType} <code>${escapeHtml(r.policy)}</code>`,
        )
        .join('<br>');
      return `<tr${p.external ? ' class="outside"' : ''}><td>${name}${p.external ? ' <span class="flag">outside the account</span>' : ''}</td><td>${p.capabilities.join(', ')} ${condition}</td><td>${p.actions.map((a) => `<code>${escapeHtml(a)}</code>`).join(' ')}</td><td>${via}</td></tr>`;
    })
    .join('\n');
  const title = `Who can reach ${escapeHtml(result.resource)}`;
  return htmlPage(
    title,
    `<h1>${title}</h1><p>${result.principals.length} principals; outsiders and the public first.</p>
<table><thead><tr><th>principal</th><th>capabilities</th><th>actions</th><th>granted by</th></tr></thead><tbody>
${rows}
</tbody></table>`,
  );
}
