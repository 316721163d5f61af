import type { Reason } from '../../evaluate/types.js';
import { escapeHtml, markdownCode } from '../../report/escape.js';
import { htmlPage, type ReportFormat } from '../../report/report-format.js';
import { terminalSafe } from '../../report/terminal-safe.js';
import type { GamedayPhase, GamedayPlaybook, GamedayStep } from './gameday-playbook.js';

/** The notice every playbook opens with. */
export const GAMEDAY_NOTICE =
  'FOR TEST AND PRACTICE ENVIRONMENTS ONLY. These steps read, change and destroy data and escalate privileges. Run them only against a practice copy of the application, with written permission from its owners, never against production.';

const headings: Readonly<Record<GamedayPhase, string>> = {
  'read-data': 'Data it can read',
  'write-data': 'Data it can change',
  'delete-data': 'Data it can destroy',
  escalation: 'Privilege escalation',
};

/**
 * The playbook in plain words: the test-environment notice first, then the steps in order by
 * phase, each with its commands, the statements that allow it and the fix. Every string from AWS
 * is escaped for the format; commands are shown literally (their arguments are already
 * shell-quoted).
 */
export function renderGameday(playbook: GamedayPlaybook, format: ReportFormat): string {
  if (format === 'html') return renderHtml(playbook);
  const md = format === 'markdown';
  const code = md ? markdownCode : (text: string) => `\`${terminalSafe(text)}\``;
  const prose = md ? markdownProse : terminalSafe;
  const lines: string[] = [];
  lines.push(md ? `# Game day: ${code(playbook.principal)}` : `Game day: ${code(playbook.principal)}`, '');
  lines.push(md ? `> **${GAMEDAY_NOTICE}**` : `!!! ${GAMEDAY_NOTICE} !!!`, '');
  if (playbook.collectedAt) lines.push(`Access as of the snapshot of ${prose(playbook.collectedAt)}.`, '');
  let n = 0;
  for (const phase of ['read-data', 'write-data', 'delete-data', 'escalation'] as const) {
    const steps = playbook.steps.filter((s) => s.phase === phase);
    lines.push(md ? `## ${headings[phase]}` : `== ${headings[phase]} ==`, '');
    if (steps.length === 0) {
      lines.push(
        phase === 'escalation' && !playbook.escalationAnalysed
          ? 'The escalation analysis could not run on this snapshot.'
          : 'None.',
        '',
      );
      continue;
    }
    for (const step of steps) {
      n += 1;
      lines.push(
        `${n}. ${prose(step.title)} ${code(step.resource)}${step.conditional ? ` (conditional on ${step.conditionKeys.map(code).join(', ') || 'context'})` : ''}`,
      );
      lines.push(
        `   permissions: ${step.actions.slice(0, 8).map(code).join(', ')}${step.actions.length > 8 ? ` and ${step.actions.length - 8} more` : ''}`,
      );
      lines.push(
        `   allowed by: ${step.allowedBy.map((r) => reason(r, code)).join('; ') || 'a resource-based policy'}`,
      );
      for (const command of step.commands)
        lines.push(md ? `   ${fenced(command)}` : `   $ ${terminalSafe(command)}`);
      lines.push(`   fix: ${prose(step.fix)}`, '');
    }
  }
  if (playbook.omitted > 0)
    lines.push(`${playbook.omitted} more data resources left out; see \`accessloop access\`.`, '');
  return `${lines.join('\n')}`;
}

function reason(r: Reason, code: (text: string) => string): string {
  return `statement ${r.statement}${r.sid !== undefined ? ` (Sid ${code(r.sid)})` : ''} of ${r.policyType} policy ${code(r.policy)}`;
}

/** A command as Markdown inline code, fenced so nothing inside can close it. */
function fenced(command: string): string {
  return markdownCode(command);
}

/**
 * Prose for Markdown: every character Markdown gives a meaning is escaped, backticks included, so
 * no name can open or close a code span or bring in HTML (names quoted in backticks show them
 * literally).
 */
function markdownProse(text: string): string {
  return markdownEscape(text.replace(/[\r\n]+/g, ' '));
}

function markdownEscape(text: string): string {
  return terminalSafe(text).replace(/[\\`*_{}[\]<>()#+\-.!|~]/g, (c) => `\\${c}`);
}

function renderHtml(playbook: GamedayPlaybook): string {
  const sections = (['read-data', 'write-data', 'delete-data', 'escalation'] as const)
    .map((phase) => {
      const steps = playbook.steps.filter((s) => s.phase === phase);
      const items = steps.map((s) => htmlStep(s)).join('\n');
      return `<h2>${headings[phase]}</h2>${steps.length > 0 ? `<ol>${items}</ol>` : '<p>None.</p>'}`;
    })
    .join('\n');
  return htmlPage(
    `Game day: ${escapeHtml(playbook.principal)}`,
    `<h1>Game day: <code>${escapeHtml(playbook.principal)}</code></h1>
<p class="flag" role="alert"><strong>${escapeHtml(GAMEDAY_NOTICE)}</strong></p>
${sections}`,
  );
}

function htmlStep(s: GamedayStep): string {
  const allowed = s.allowedBy
    .map(
      (r) =>
        `statement ${r.statement}${r.sid !== undefined ? ` (${escapeHtml(r.sid)})` : ''} of ${r.policyType} <code>${escapeHtml(r.policy)}</code>`,
    )
    .join('; ');
  const commands = s.commands.map((c) => `<pre><code>${escapeHtml(c)}</code></pre>`).join('');
  return `<li>${escapeHtml(s.title)} <code>${escapeHtml(s.resource)}</code>${s.conditional ? ' <span class="flag">conditional</span>' : ''}<br>permissions: ${s.actions
    .slice(0, 8)
    .map((a) => `<code>${escapeHtml(a)}</code>`)
    .join(
      ' ',
    )}<br>allowed by: ${allowed || 'a resource-based policy'}${commands}fix: ${escapeHtml(s.fix)}</li>`;
}
