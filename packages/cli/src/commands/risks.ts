import {
  analyzeRisks,
  applySuppressions,
  type FindingSeverity,
  isAtLeast,
  parseKnownAccounts,
  parseSuppressions,
  type ReportFormat,
  RISK_RULES,
  type RiskReport,
  renderRisks,
  renderSarif,
  type Suppression,
} from '@accessloop/core';
import { readAnalysisInput } from '../io/read-analysis-input.js';
import { readTextFile } from '../io/read-json-file.js';
import { readObservedUsage } from '../io/read-usage.js';
import type { Io } from '../io-streams.js';
import { exitCodes, formatDiagnostic, printDiagnostics } from '../output.js';

/** Options of `accessloop risks`. */
export interface RisksOptions {
  readonly format: 'json' | 'sarif' | ReportFormat;
  readonly failOn?: FindingSeverity;
  readonly suppressions?: string;
  readonly knownAccounts: readonly string[];
}

/** accessloop's version, as SARIF's `tool.driver.version` gives it. */
const VERSION = '0.1.0';

/**
 * `accessloop risks SNAPSHOT`: every risk rule and the privilege-escalation analysis, worst first,
 * less the findings a live suppression covers; exit 1 when a finding is at or above `--fail-on`.
 * Expired suppressions suppress nothing and are named on stderr (and in the report).
 */
export async function runRisks(
  snapshotPath: string,
  options: RisksOptions,
  io: Io,
  now = new Date(),
): Promise<number> {
  const known = parseKnownAccounts(options.knownAccounts);
  if (!known.ok) {
    printDiagnostics(io.stderr, known.diagnostics);
    return exitCodes.badInput;
  }
  let suppressions: Suppression[] = [];
  if (options.suppressions !== undefined) {
    const path = options.suppressions;
    const text = readTextFile(path);
    const parsed = text.ok ? parseSuppressions(text.value) : text;
    if (!parsed.ok) {
      printDiagnostics(
        io.stderr,
        parsed.diagnostics.map((d) => ({ ...d, file: d.file ?? path })),
      );
      return exitCodes.badInput;
    }
    suppressions = parsed.value;
  }
  const input = await readAnalysisInput(snapshotPath, io);
  if (!input) return exitCodes.badInput;
  // The credential reports narrow the escalation methods that create credentials.
  const observed = await readObservedUsage(snapshotPath, input.snapshot, input.tools.catalog, {
    withoutCloudTrail: true,
  });
  printDiagnostics(io.stderr, observed.diagnostics);
  if (!observed.ok) return exitCodes.badInput;
  const all = analyzeRisks(input.snapshot, input.tools, {
    knownAccounts: known.value,
    credentialReport: observed.value.credentialReports,
  });
  const outcome = applySuppressions(all, suppressions, now);
  const report: RiskReport = {
    findings: outcome.findings,
    suppressed: outcome.suppressed,
    expired: outcome.expired,
  };
  for (const s of outcome.expired) {
    io.stderr.write(
      `${formatDiagnostic({
        code: 'suppressions.expired',
        severity: 'warning',
        path: '',
        ...(options.suppressions !== undefined ? { file: options.suppressions } : {}),
        message: `the suppression of \`${s.id}\`${s.principal ? ` for \`${s.principal}\`` : ''}${s.resource ? ` on \`${s.resource}\`` : ''} expired on ${s.expires} and no longer applies; fix the finding or renew it with a new reason`,
      })}\n`,
    );
  }
  if (options.format === 'json') io.stdout.write(`${JSON.stringify({ findings: report.findings })}\n`);
  else if (options.format === 'sarif')
    io.stdout.write(
      `${JSON.stringify(renderSarif(report, { rules: RISK_RULES, version: VERSION, snapshotUri: toUri(snapshotPath), findingsDocUri: 'docs/findings.md' }), null, 2)}\n`,
    );
  else io.stdout.write(renderRisks(report, options.format));
  const failOn = options.failOn;
  return failOn !== undefined && report.findings.some((f) => isAtLeast(f.severity, failOn))
    ? exitCodes.findings
    : exitCodes.ok;
}

/** A path as a relative URI reference (forward slashes, spaces and the like percent-encoded). */
function toUri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}
