import { escapeHtml, markdownCode } from '../report/escape.js';
import { htmlPageAround } from '../report/report-format.js';
import { terminalSafe } from '../report/terminal-safe.js';
import { textOfLines } from '../report/text-of-lines.js';
import { type FindingSeverity, SEVERITIES } from '../risk/finding.js';
import type { PrincipalScore } from '../score/score-snapshot.js';
import type { ResourceAccessLine, ScannedPrincipal, ScannedResource, ScanResult } from './scan-snapshot.js';

/** The most findings the reports list; `results.json` has them all. */
const MAX_FINDINGS = 50;

/** Short words for capabilities in a review table. */
const capabilityWords: Readonly<Record<string, string>> = {
  'administer-resource': 'administer',
  'read-config': 'read config',
  'read-data': 'read data',
  'write-data': 'write data',
  'delete-data': 'delete data',
  'use-resource': 'use',
};

/**
 * The scan as Markdown (`report.md`): a summary, the worst findings, then per team (or
 * application) each resource on one screen, riskiest first, with who can do what and through
 * which policy, outsiders first; then the team's principals in one sentence each. Every string
 * from AWS is escaped.
 */
export function renderScanMarkdown(scan: ScanResult): string {
  return [...scanMarkdownPieces(scan)].join('');
}

/**
 * {@link renderScanMarkdown} piece by piece, so a large account's report is written as it is
 * made rather than held whole (tens of megabytes at 5,000 roles with their resources).
 */
export function* scanMarkdownPieces(scan: ScanResult): Generator<string, void, undefined> {
  yield* textOfLines(scanMarkdownLines(scan));
}

function* scanMarkdownLines(scan: ScanResult): Generator<string, void, undefined> {
  yield* ['# accessloop scan', '', ...summaryLines(scan).map((l) => `- ${l}`), ''];
  const findings = scan.findings ?? [];
  if (findings.length > 0) {
    yield* [
      '## Risks, worst first',
      '',
      '| severity | finding | principal | resource | what |',
      '|---|---|---|---|---|',
    ];
    for (const f of findings.slice(0, MAX_FINDINGS)) {
      yield `| ${f.severity}${f.conditional ? ' (conditional)' : ''} | ${markdownCode(f.id)} | ${markdownCode(f.principal)} | ${f.resource ? markdownCode(f.resource) : ''} | ${markdownText(f.message)} |`;
    }
    if (findings.length > MAX_FINDINGS)
      yield* ['', `${findings.length - MAX_FINDINGS} more in results.json.`];
    yield '';
  }
  if (scan.scores) {
    yield* [
      `## Leaderboard by ${markdownText(scan.scores.by)}, lowest score wins`,
      '',
      '| rank | team | score | over par | principals | reviews completed |',
      '|---|---|---|---|---|---|',
    ];
    for (const [i, t] of scan.scores.teams.entries()) {
      yield `| ${i + 1} | ${markdownCode(t.team)} | ${formatNumber(t.score)} | ${t.overPar === undefined ? '' : formatNumber(t.overPar)} | ${t.principals} | ${t.reviewsCompleted} |`;
    }
    yield '';
  }
  const scores = scoresByArn(scan);
  const resources = new Map(scan.resources.map((r) => [r.arn, r]));
  const principals = new Map(scan.principals.map((p) => [p.arn, p]));
  for (const group of scan.groups) {
    yield* [`## ${markdownText(scan.groupBy)} ${markdownCode(group.name)}`, ''];
    for (const arn of group.resources) {
      const r = resources.get(arn) as ScannedResource;
      yield* [
        `### ${markdownCode(r.arn)}`,
        '',
        `${markdownText(r.type)} in account ${r.account}${exposureNote(r)}`,
        '',
      ];
      if (r.access.length === 0) {
        yield* ['Nobody in the snapshot can reach it.', ''];
        continue;
      }
      yield* ['| can | who | through |', '|---|---|---|'];
      for (const a of r.access) {
        for (const line of a.lines) {
          yield `| ${capabilityWords[a.capability]} | ${markdownCode(line.principal)}${lineFlags(line)} | ${line.via.map(markdownCode).join(', ')} |`;
        }
        const more = a.principalCount - a.lines.length;
        if (more > 0) {
          yield `| ${capabilityWords[a.capability]} | and ${formatNumber(more)} more | ${markdownCode(whoCanCommand(r.arn, a.capability))} lists them all |`;
        }
      }
      yield '';
    }
    const members = group.principals.map((arn) => principals.get(arn) as ScannedPrincipal);
    if (members.length > 0) {
      yield* [`### Principals of ${markdownCode(group.name)}`, ''];
      for (const p of members) yield `- ${markdownSentence(p)}${scoreNote(scores.get(p.arn))}`;
      yield '';
    }
  }
}

/** The scan as one self-contained HTML page (`index.html`): no scripts, nothing fetched, every AWS string escaped. */
export function renderScanHtml(scan: ScanResult): string {
  return [...scanHtmlPieces(scan)].join('');
}

/** {@link renderScanHtml} piece by piece (see {@link scanMarkdownPieces}). */
export function* scanHtmlPieces(scan: ScanResult): Generator<string, void, undefined> {
  const [before, after] = htmlPageAround('accessloop scan');
  yield before;
  let first = true;
  for (const line of scanHtmlLines(scan)) {
    yield first ? line : `\n${line}`;
    first = false;
  }
  yield after;
}

function* scanHtmlLines(scan: ScanResult): Generator<string, void, undefined> {
  yield '<h1>accessloop scan</h1>';
  yield `<ul>${summaryLines(scan)
    .map((l) => `<li>${escapeHtml(l)}</li>`)
    .join('')}</ul>`;
  const findings = scan.findings ?? [];
  if (findings.length > 0) {
    yield '<h2>Risks, worst first</h2><table><tr><th>severity</th><th>finding</th><th>principal</th><th>resource</th><th>what</th></tr>';
    for (const f of findings.slice(0, MAX_FINDINGS)) {
      yield `<tr><td class="flag">${escapeHtml(f.severity)}${f.conditional ? ' (conditional)' : ''}</td><td><code>${escapeHtml(f.id)}</code></td><td><code>${escapeHtml(f.principal)}</code></td><td>${f.resource ? `<code>${escapeHtml(f.resource)}</code>` : ''}</td><td>${escapeHtml(f.message)}</td></tr>`;
    }
    yield '</table>';
    if (findings.length > MAX_FINDINGS)
      yield `<p>${findings.length - MAX_FINDINGS} more in results.json.</p>`;
  }
  if (scan.scores) {
    yield `<h2>Leaderboard by ${escapeHtml(scan.scores.by)}, lowest score wins</h2><table><tr><th>rank</th><th>team</th><th>score</th><th>over par</th><th>principals</th><th>reviews completed</th></tr>`;
    for (const [i, t] of scan.scores.teams.entries()) {
      yield `<tr><td>${i + 1}</td><td><code>${escapeHtml(t.team)}</code></td><td>${formatNumber(t.score)}</td><td>${t.overPar === undefined ? '' : formatNumber(t.overPar)}</td><td>${t.principals}</td><td>${t.reviewsCompleted}</td></tr>`;
    }
    yield '</table>';
  }
  const scores = scoresByArn(scan);
  const resources = new Map(scan.resources.map((r) => [r.arn, r]));
  const principals = new Map(scan.principals.map((p) => [p.arn, p]));
  for (const group of scan.groups) {
    yield `<h2>${escapeHtml(scan.groupBy)} <code>${escapeHtml(group.name)}</code></h2>`;
    for (const arn of group.resources) {
      const r = resources.get(arn) as ScannedResource;
      yield `<section><h3><code>${escapeHtml(r.arn)}</code></h3><p>${escapeHtml(r.type)} in account ${escapeHtml(r.account)}${escapeHtml(exposureNote(r))}</p>`;
      if (r.access.length === 0) yield '<p>Nobody in the snapshot can reach it.</p>';
      else {
        yield '<table><tr><th>can</th><th>who</th><th>through</th></tr>';
        for (const a of r.access) {
          for (const line of a.lines) {
            yield `<tr${line.external ? ' class="outside"' : ''}><td>${escapeHtml(capabilityWords[a.capability] ?? a.capability)}</td><td><code>${escapeHtml(line.principal)}</code>${escapeHtml(lineFlags(line))}</td><td>${line.via.map((v) => `<code>${escapeHtml(v)}</code>`).join(', ')}</td></tr>`;
          }
          const more = a.principalCount - a.lines.length;
          if (more > 0) {
            yield `<tr><td>${escapeHtml(capabilityWords[a.capability] ?? a.capability)}</td><td>and ${formatNumber(more)} more</td><td><code>${escapeHtml(whoCanCommand(r.arn, a.capability))}</code> lists them all</td></tr>`;
          }
        }
        yield '</table>';
      }
      yield '</section>';
    }
    const members = group.principals.map((arn) => principals.get(arn) as ScannedPrincipal);
    if (members.length > 0) {
      yield `<h3>Principals of <code>${escapeHtml(group.name)}</code></h3><ul>`;
      for (const p of members) yield `<li>${htmlSentence(p)}${escapeHtml(scoreNote(scores.get(p.arn)))}</li>`;
      yield '</ul>';
    }
  }
}

/** A few lines for the terminal after a scan; safe to print (control characters neutralised). */
export function renderScanSummary(scan: ScanResult): string {
  return `${summaryLines(scan)
    .map((l) => terminalSafe(l))
    .join('\n')}\n`;
}

function summaryLines(scan: ScanResult): string[] {
  const critical = scan.principals.filter((p) => p.critical).length;
  const publicCount = scan.resources.filter((r) => r.exposure === 'public').length;
  const external = scan.resources.filter((r) => r.exposure === 'external').length;
  const lines = [
    `${scan.principals.length} principals and ${scan.resources.length} resources in ${scan.accounts.length} account${scan.accounts.length === 1 ? '' : 's'}${scan.collectedAt ? `, collected ${scan.collectedAt}` : ''}`,
    `${critical} principal${critical === 1 ? '' : 's'} can administer a critical service (IAM, Organizations, KMS, ...)`,
    `${publicCount} resource${publicCount === 1 ? '' : 's'} open to the public, ${external} reachable from other accounts`,
  ];
  const leader = scan.scores?.teams[0];
  if (leader)
    lines.push(`leaderboard: ${leader.team} leads with ${formatNumber(leader.score)} points (lowest wins)`);
  const findings = scan.findings;
  if (findings) {
    const counts = SEVERITIES.map(
      (s: FindingSeverity) => [s, findings.filter((f) => f.severity === s).length] as const,
    )
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    lines.push(
      `${findings.length} risk finding${findings.length === 1 ? '' : 's'}${counts.length > 0 ? `: ${counts.join(', ')}` : ''}`,
    );
  }
  return lines;
}

function scoresByArn(scan: ScanResult): Map<string, PrincipalScore> {
  return new Map((scan.scores?.principals ?? []).map((p) => [p.arn, p]));
}

/** `; score 1,234 (par 200, 1,034 over par)`. */
function scoreNote(score: PrincipalScore | undefined): string {
  if (!score) return '';
  const par =
    score.par === undefined
      ? ''
      : ` (par ${formatNumber(score.par)}, ${formatNumber(score.overPar ?? 0)} over par)`;
  return `; score ${formatNumber(score.score)}${par}`;
}

function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}

/** The command that lists everyone with a capability on a resource (the reports list the first few). */
function whoCanCommand(arn: string, capability: string): string {
  return `accessloop who-can SNAPSHOT --resource ${arn} --capability ${capability}`;
}

function exposureNote(r: ScannedResource): string {
  return r.exposure === 'public'
    ? ': open to the public'
    : r.exposure === 'external'
      ? ': reachable from other accounts'
      : '';
}

function lineFlags(line: ResourceAccessLine): string {
  const flags = [
    line.principal === '*' || line.principal === 'anonymous'
      ? 'public'
      : line.external
        ? 'outside the account'
        : '',
    line.conditional ? 'conditional' : '',
  ]
    .filter((f) => f !== '')
    .join(', ');
  return flags === '' ? '' : ` (${flags})`;
}

/** The sentence with the principal's name as code. */
function splitSentence(p: ScannedPrincipal): { head: string; rest: string } {
  const head = `${p.kind} \`${p.name}\``;
  return p.sentence.startsWith(head)
    ? { head, rest: p.sentence.slice(head.length) }
    : { head: '', rest: p.sentence };
}

function markdownSentence(p: ScannedPrincipal): string {
  const { head, rest } = splitSentence(p);
  return `${head === '' ? '' : `${p.kind} ${markdownCode(p.name)}`}${markdownText(rest)}`;
}

function htmlSentence(p: ScannedPrincipal): string {
  const { head, rest } = splitSentence(p);
  const sentence = `${head === '' ? '' : `${p.kind} <code>${escapeHtml(p.name)}</code>`}${escapeHtml(rest)}`;
  return p.critical ? `<span class="flag">${sentence}</span>` : sentence;
}

/** Plain text made inert in Markdown: characters that format or link are escaped, control characters shown as escapes. */
function markdownText(text: string): string {
  return terminalSafe(text.replace(/[\r\n]+/g, ' ')).replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`);
}
