import { escapeHtml, markdownCode } from '../report/escape.js';
import { htmlPage, type ReportFormat } from '../report/report-format.js';
import { terminalSafe } from '../report/terminal-safe.js';
import { type FindingSeverity, SEVERITIES } from './finding.js';
import type { RiskReport } from './risk-report.js';

/**
 * The findings in plain words, worst first (the report is already in that order): a count per
 * severity, then each finding with its rule id, principal, resource and message, conditional ones
 * marked; then how many findings suppressions left out, and the suppressions that expired. Every
 * string from AWS is escaped for the format.
 */
export function renderRisks(report: RiskReport, format: ReportFormat): string {
  if (format === 'html') return renderHtml(report);
  const md = format === 'markdown';
  const code = md ? markdownCode : (text: string) => `\`${terminalSafe(text)}\``;
  const text = md ? markdownText : terminalSafe;
  const lines = [`${md ? '# ' : ''}Risks: ${summary(report)}`];
  if (md) lines.push('');
  for (const f of report.findings) {
    const where = [
      `principal ${code(f.principal)}`,
      ...(f.resource !== undefined ? [`resource ${code(f.resource)}`] : []),
    ];
    lines.push(
      `- ${md ? '**' : ''}${f.severity.toUpperCase()}${md ? '**' : ''} ${code(f.id)}${f.conditional ? ' (conditional)' : ''}: ${text(f.message)}`,
    );
    lines.push(`    ${where.join(', ')}`);
    for (const hop of f.path ?? []) {
      lines.push(
        `    ${code(hop.from)} -> ${code(hop.to)} by ${code(hop.method)} (${hop.actions.map(code).join(', ')})`,
      );
    }
  }
  if (report.suppressed > 0)
    lines.push('', `${report.suppressed} finding${report.suppressed === 1 ? '' : 's'} suppressed.`);
  for (const s of report.expired) {
    lines.push(
      '',
      `Expired suppression (no longer applied): ${code(s.id)}${s.principal ? ` principal ${code(s.principal)}` : ''}${s.resource ? ` resource ${code(s.resource)}` : ''}, expired ${text(s.expires)}: ${text(s.reason)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function summary(report: RiskReport): string {
  if (report.findings.length === 0) return 'no findings';
  const counts = new Map<FindingSeverity, number>();
  for (const f of report.findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  return SEVERITIES.filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(', ');
}

/**
 * Prose for Markdown: every character Markdown gives a meaning is escaped, backticks included, so
 * no name can open or close a code span or bring in HTML (names quoted in backticks show them
 * literally).
 */
function markdownText(text: string): string {
  return markdownEscape(text.replace(/[\r\n]+/g, ' '));
}

function markdownEscape(text: string): string {
  return terminalSafe(text).replace(/[\\`*_{}[\]<>()#+\-.!|~]/g, (c) => `\\${c}`);
}

function renderHtml(report: RiskReport): string {
  const rows = report.findings
    .map((f) => {
      const path = (f.path ?? [])
        .map(
          (h) =>
            `<code>${escapeHtml(h.from)}</code> &rarr; <code>${escapeHtml(h.to)}</code> by <code>${escapeHtml(h.method)}</code>`,
        )
        .join('<br>');
      return `<tr><td class="flag">${f.severity}</td><td><code>${escapeHtml(f.id)}</code>${f.conditional ? ' (conditional)' : ''}</td><td><code>${escapeHtml(f.principal)}</code></td><td>${f.resource !== undefined ? `<code>${escapeHtml(f.resource)}</code>` : ''}</td><td>${escapeHtml(f.message)}${path ? `<br>${path}` : ''}</td></tr>`;
    })
    .join('\n');
  const expired = report.expired
    .map(
      (s) =>
        `<li>expired suppression, no longer applied: <code>${escapeHtml(s.id)}</code> ${s.principal ? `<code>${escapeHtml(s.principal)}</code> ` : ''}${s.resource ? `<code>${escapeHtml(s.resource)}</code> ` : ''}(expired ${escapeHtml(s.expires)}): ${escapeHtml(s.reason)}</li>`,
    )
    .join('\n');
  const suppressed = report.suppressed > 0 ? `<p>${report.suppressed} findings suppressed.</p>` : '';
  return htmlPage(
    'Risks',
    `<h1>Risks</h1><p>${escapeHtml(summary(report))}; worst first.</p>
<table><thead><tr><th>severity</th><th>rule</th><th>principal</th><th>resource</th><th>finding</th></tr></thead><tbody>
${rows}
</tbody></table>${suppressed}${expired ? `<ul>${expired}</ul>` : ''}`,
  );
}
