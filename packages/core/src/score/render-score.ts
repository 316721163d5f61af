import { escapeHtml, markdownCode } from '../report/escape.js';
import { htmlPage, type ReportFormat } from '../report/report-format.js';
import { terminalSafe } from '../report/terminal-safe.js';
import type { ScoreContribution } from './score-access.js';
import type { PrincipalScore, ScoreReport, TeamScore } from './score-snapshot.js';

/** How many principals the leaderboard lists under "highest scores". */
const TOP_PRINCIPALS = 10;
/** How many resources a contribution names in text and Markdown (HTML names all). */
const SHOWN_RESOURCES = 5;

/**
 * The leaderboard in words: teams ranked by total score and by over-par strokes (lowest wins,
 * like golf), with principals, completed reviews and improvement, then the principals with the
 * highest scores. Every string from AWS (tag values, ARNs) is escaped for the format.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
export function renderScore(report: ScoreReport, format: ReportFormat): string {
  const f = formatter(format);
  const byPar = report.teams
    .filter((t): t is TeamScore & { overPar: number } => t.overPar !== undefined)
    .sort((a, b) => a.overPar - b.overPar || compare(a.team, b.team));
  const top = [...report.principals]
    .sort((a, b) => b.score - a.score || compare(a.arn, b.arn))
    .slice(0, TOP_PRINCIPALS);
  const sections = [
    f.heading(`Leaderboard by ${report.by}: lowest score wins`),
    f.table(
      ['rank', report.by, 'score', 'over par', 'principals', 'reviews', 'improvement'],
      report.teams.map((t, i) => [
        String(i + 1),
        f.code(t.team),
        String(t.score),
        t.overPar === undefined ? '-' : String(t.overPar),
        String(t.principals),
        String(t.reviewsCompleted),
        t.improvement === undefined ? '-' : signed(t.improvement),
      ]),
      [false, false, true, true, true, true, true],
    ),
    f.heading('By over-par strokes: lowest wins'),
    byPar.length === 0
      ? f.paragraph('no usage data: par needs CloudTrail or Access Advisor data for the principals')
      : f.table(
          ['rank', report.by, 'over par', 'score'],
          byPar.map((t, i) => [String(i + 1), f.code(t.team), String(t.overPar), String(t.score)]),
          [false, false, true, true],
        ),
    f.heading(`Highest scores (${top.length} of ${report.principals.length} principals)`),
    f.table(
      ['principal', report.by, 'score', 'par', 'over par'],
      top.map((p) => [
        f.code(p.arn),
        p.team === undefined ? '-' : f.code(p.team),
        String(p.score),
        p.par === undefined ? 'no usage data' : String(p.par),
        p.overPar === undefined ? '-' : String(p.overPar),
      ]),
      [false, false, true, true, true],
    ),
  ];
  return f.page(`Access scores by ${report.by}`, sections);
}

/**
 * `score --explain ARN`: every contribution of one principal's score, with how its points are
 * computed, and the total they add up to. Every string from AWS is escaped for the format.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
export function renderScoreExplanation(principal: PrincipalScore, format: ReportFormat): string {
  const f = formatter(format);
  const parText =
    principal.par === undefined
      ? 'no par: no usage data'
      : `par ${principal.par}, ${principal.overPar} over par`;
  const rows = principal.contributions.map((c) => [
    String(c.points),
    c.capability,
    f.code(c.service) + flags(c),
    formula(c),
    f.list(c.resources),
  ]);
  return f.page(`Score of ${principal.arn}`, [
    f.heading(`Score of ${f.code(principal.arn)}: ${principal.score} points`),
    f.paragraph(`${principal.team === undefined ? '' : `${f.code(principal.team)}, `}${parText}`),
    principal.contributions.length === 0
      ? f.paragraph('no access: no action is allowed on any resource of the snapshot')
      : f.table(['points', 'capability', 'service', 'how', 'resources'], rows, [
          true,
          false,
          false,
          false,
          false,
        ]),
    f.paragraph(`total: ${principal.score} points`),
  ]);
}

function flags(c: ScoreContribution): string {
  const list = [
    c.critical ? 'critical' : '',
    c.dataSource ? 'data' : '',
    c.conditional ? 'conditional' : '',
  ].filter(Boolean);
  return list.length === 0 ? '' : ` (${list.join(', ')})`;
}

/** `2 actions × 3 resources: 5 pairs × 8 + 1 sensitive pair × 16`: the arithmetic of the points. */
function formula(c: ScoreContribution): string {
  const shape =
    c.pairs === c.actions.length * c.resources.length
      ? `${count(c.actions.length, 'action')} × ${count(c.resources.length, 'resource')}`
      : `${count(c.actions.length, 'action')} on ${count(c.resources.length, 'resource')}`;
  const terms = [
    c.pairs > c.sensitivePairs ? `${count(c.pairs - c.sensitivePairs, 'pair')} × ${c.pointsPerPair}` : '',
    c.sensitivePairs > 0 ? `${count(c.sensitivePairs, 'sensitive pair')} × ${c.pointsPerSensitivePair}` : '',
  ].filter(Boolean);
  return `${shape}: ${terms.join(' + ')}`;
}

interface Formatter {
  code(text: string): string;
  /** `text` is already escaped. */
  heading(text: string): string;
  paragraph(text: string): string;
  list(items: readonly string[]): string;
  table(header: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[]): string;
  page(title: string, sections: readonly string[]): string;
}

function formatter(format: ReportFormat): Formatter {
  if (format === 'html') {
    return {
      code: (text) => `<code>${escapeHtml(text)}</code>`,
      heading: (text) => `<h2>${text}</h2>`,
      paragraph: (text) => `<p>${text}</p>`,
      list: (items) => items.map((i) => `<code>${escapeHtml(i)}</code>`).join(' '),
      table: (header, rows, right) =>
        `<table><thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n${rows
          .map(
            (r) => `<tr>${r.map((c, i) => `<td${right[i] ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`,
          )
          .join('\n')}\n</tbody></table>`,
      page: (title, sections) =>
        htmlPage(escapeHtml(title), `<h1>${escapeHtml(title)}</h1>\n${sections.join('\n')}`).replace(
          '</style>',
          '.num{text-align:right}</style>',
        ),
    };
  }
  if (format === 'markdown') {
    return {
      code: markdownCode,
      heading: (text) => `## ${text}`,
      paragraph: (text) => text,
      list: (items) => shortList(items, markdownCode),
      table: (header, rows, right) =>
        [
          `| ${header.join(' | ')} |`,
          `| ${right.map((r) => (r ? '---:' : '---')).join(' | ')} |`,
          ...rows.map((r) => `| ${r.join(' | ')} |`),
        ].join('\n'),
      page: (_title, sections) => `${sections.join('\n\n')}\n`,
    };
  }
  const code = (text: string) => `\`${terminalSafe(text)}\``;
  return {
    code,
    heading: (text) => text,
    paragraph: (text) => text,
    list: (items) => shortList(items, code),
    table: (header, rows, right) => {
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
      const line = (cells: readonly string[]) =>
        cells
          .map((c, i) =>
            i === cells.length - 1 ? c : right[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0),
          )
          .join('  ')
          .trimEnd();
      return [line(header), ...rows.map(line)].join('\n');
    },
    page: (_title, sections) => `${sections.join('\n\n')}\n`,
  };
}

function shortList(items: readonly string[], code: (text: string) => string): string {
  const shown = items.slice(0, SHOWN_RESOURCES).map(code).join(', ');
  return items.length > SHOWN_RESOURCES ? `${shown} and ${items.length - SHOWN_RESOURCES} more` : shown;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
