import { terminalSafe } from '../report/terminal-safe.js';
import type { Finding } from '../risk/finding.js';
import type { Usage, UsedAction } from './usage.js';

/** What `accessloop usage` shows: the observed usage per principal and the unused-access findings. */
export interface UsageReport {
  readonly usage: Usage;
  readonly findings: readonly Finding[];
  /** Events that became usage, refused calls, and events that gave no action, for the summary line. */
  readonly events?: { readonly used: number; readonly denied: number; readonly unmapped: number };
}

/**
 * The usage report as plain text for a terminal: the window, then per principal each action with
 * its count, last use and resources, then the findings. Every AWS-sourced string is made
 * terminal-safe.
 */
export function renderUsageText(report: UsageReport): string {
  const code = (text: string) => `\`${terminalSafe(text)}\``;
  const lines: string[] = [];
  const { usage } = report;
  lines.push(
    usage.window
      ? `Observed usage from ${terminalSafe(usage.window.start)} to ${terminalSafe(usage.window.end)}`
      : 'Observed usage (no CloudTrail window)',
  );
  if (report.events)
    lines.push(
      `${report.events.used} events used, ${report.events.denied} refused (not usage), ${report.events.unmapped} with no IAM action`,
    );
  const byPrincipal = new Map<string, UsedAction[]>();
  for (const used of usage.actions) {
    const list = byPrincipal.get(used.principal) ?? [];
    list.push(used);
    byPrincipal.set(used.principal, list);
  }
  if (byPrincipal.size === 0) lines.push('', 'No usage observed.');
  for (const [principal, actions] of byPrincipal) {
    lines.push('', `${code(principal)} used:`);
    for (const a of actions) {
      const count = a.source === 'cloudtrail' ? `${a.count}×` : 'Access Advisor';
      const shown = a.resources.slice(0, 3).map(code).join(', ');
      const hidden = a.resources.length - 3;
      const more = a.resourcesTruncated ? ' and more' : hidden > 0 ? ` and ${hidden} more` : '';
      const resources = a.resources.length === 0 ? '' : ` on ${shown}${more}`;
      lines.push(`- ${code(a.action)} ${count}, last ${terminalSafe(a.lastUsed)}${resources}`);
    }
  }
  lines.push(
    '',
    report.findings.length === 0 ? 'No unused access found.' : `Unused access (${report.findings.length}):`,
  );
  let principal: string | undefined;
  for (const f of report.findings) {
    if (f.principal !== principal) {
      principal = f.principal;
      lines.push(`${code(f.principal)}:`);
    }
    const conditional = f.conditional ? ' (conditional)' : '';
    lines.push(`- [${f.severity}] ${f.id}: ${terminalSafe(f.message)}${conditional}`);
  }
  return `${lines.join('\n')}\n`;
}
