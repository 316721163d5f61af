import { findUnusedAccess, renderUsageText, type UsageReport } from '@accessloop/core';
import { readAnalysisInput } from '../io/read-analysis-input.js';
import { readObservedUsage } from '../io/read-usage.js';
import type { Io } from '../io-streams.js';
import { exitCodes, printDiagnostics } from '../output.js';

/** Options of `accessloop usage`. */
export interface UsageOptions {
  readonly format: 'text' | 'json';
  /** Days without use that make access unused, as given on the command line. */
  readonly days: string;
}

/**
 * `accessloop usage SNAPSHOT [--days N] [--format text|json]`: what each principal was seen
 * doing (CloudTrail, Access Advisor) and the unused-access findings (last-used data, credential
 * reports, granted but unused services and actions).
 */
export async function runUsage(snapshotPath: string, options: UsageOptions, io: Io): Promise<number> {
  const days = Number(options.days);
  if (!Number.isInteger(days) || days < 1) {
    printDiagnostics(io.stderr, [
      {
        code: 'cli.usage',
        severity: 'error',
        path: '',
        message: `\`--days\` must be a whole number of days, found \`${options.days}\``,
      },
    ]);
    return exitCodes.badInput;
  }
  const input = await readAnalysisInput(snapshotPath, io);
  if (!input) return exitCodes.badInput;
  const { snapshot, tools } = input;
  // On a terminal, a progress line while the CloudTrail files are read.
  const onProgress = io.stderr.isTTY
    ? (done: number, total: number) =>
        io.stderr.write(done < total ? `\rreading CloudTrail logs: ${done}/${total} files` : '\r\u001b[K')
    : undefined;
  const observed = await readObservedUsage(
    snapshotPath,
    snapshot,
    tools.catalog,
    onProgress ? { onProgress } : {},
  );
  printDiagnostics(io.stderr, observed.diagnostics);
  if (!observed.ok) return exitCodes.badInput;
  const { usage, cloudTrail, credentialReports } = observed.value;
  const findings = findUnusedAccess({ snapshot, usage, credentialReports, tools }, { days });
  printDiagnostics(io.stderr, findings.diagnostics);
  if (!findings.ok) return exitCodes.badInput;
  const report: UsageReport = {
    usage,
    findings: findings.value,
    ...(cloudTrail.files === 0
      ? {}
      : {
          events: {
            used: cloudTrail.used,
            denied: cloudTrail.denied,
            unmapped: cloudTrail.unmapped.reduce((n, u) => n + u.count, 0),
          },
        }),
  };
  io.stdout.write(
    options.format === 'json'
      ? `${JSON.stringify({ ...usage, cloudTrail, findings: findings.value })}\n`
      : renderUsageText(report),
  );
  return exitCodes.ok;
}
