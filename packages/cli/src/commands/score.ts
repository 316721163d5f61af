import {
  type Diagnostic,
  ok,
  type PrincipalAccess,
  parseReviews,
  type ReportFormat,
  type Result,
  renderScore,
  renderScoreExplanation,
  type ScoreGrouping,
  type ScoreReport,
  type Snapshot,
  scorePrincipal,
  scoreSnapshot,
  scoringAccessOf,
} from '@accessloop/core';
import { type AnalysisInput, readAnalysisInput } from '../io/read-analysis-input.js';
import { readConfig, readParsed } from '../io/read-config.js';
import { readUsage } from '../io/read-usage.js';
import type { Io } from '../io-streams.js';
import { exitCodes, printDiagnostics } from '../output.js';
import { progressBar } from '../progress.js';

/** Options of `accessloop score`. */
export interface ScoreCommandOptions {
  readonly by: ScoreGrouping;
  readonly explain?: string;
  readonly previous?: string;
  readonly reviews?: string;
  readonly config?: string;
  readonly format: 'json' | ReportFormat;
}

/**
 * `accessloop score SNAPSHOT`: the golf score of every user and role, par from the usage the
 * snapshot holds (CloudTrail, Access Advisor), and the leaderboard by team or app; with
 * `--explain ARN`, the contributions of one principal's score.
 */
export async function runScore(snapshotPath: string, options: ScoreCommandOptions, io: Io): Promise<number> {
  const config = readConfig(options.config);
  const reviews = options.reviews === undefined ? ok([]) : readParsed(options.reviews, parseReviews);
  const problems = [...config.diagnostics, ...reviews.diagnostics];
  printDiagnostics(io.stderr, problems);
  if (!config.ok || !reviews.ok) return exitCodes.badInput;

  const input = await readAnalysisInput(snapshotPath, io);
  if (!input) return exitCodes.badInput;
  const usage = await readUsage(snapshotPath, input.snapshot, input.tools.catalog);
  printDiagnostics(io.stderr, usage.diagnostics);
  if (!usage.ok) return exitCodes.badInput;
  const scoring = { config: config.value, by: options.by, usage: usage.value };

  if (options.explain !== undefined) {
    const access = scoringAccessOf(input.snapshot, input.tools, options.explain);
    if (!access.ok) {
      printDiagnostics(io.stderr, access.diagnostics);
      return exitCodes.badInput;
    }
    const principal = scorePrincipal(input.snapshot, access.value, scoring);
    io.stdout.write(
      options.format === 'json'
        ? `${JSON.stringify(principal)}\n`
        : renderScoreExplanation(principal, options.format),
    );
    return exitCodes.ok;
  }

  let previous: ScoreReport | undefined;
  if (options.previous !== undefined) {
    const old = await readAnalysisInput(options.previous, io);
    if (!old) return exitCodes.badInput;
    const oldAccess = accessOfEveryone(old, io);
    if (!oldAccess.ok) {
      printDiagnostics(io.stderr, oldAccess.diagnostics);
      return exitCodes.badInput;
    }
    previous = scoreSnapshot(old.snapshot, oldAccess.value, { config: config.value, by: options.by });
  }
  const access = accessOfEveryone(input, io);
  if (!access.ok) {
    printDiagnostics(io.stderr, access.diagnostics);
    return exitCodes.badInput;
  }
  const report = scoreSnapshot(input.snapshot, access.value, {
    ...scoring,
    reviews: reviews.value,
    ...(previous === undefined ? {} : { previous }),
  });
  io.stdout.write(
    options.format === 'json' ? `${JSON.stringify(report)}\n` : renderScore(report, options.format),
  );
  return exitCodes.ok;
}

/** What the score counts of every IAM user and role (effective access and the floor), by ARN. */
function accessOfEveryone({ snapshot, tools }: AnalysisInput, io: Io): Result<PrincipalAccess[]> {
  const diagnostics: Diagnostic[] = [];
  const all: PrincipalAccess[] = [];
  const principals = principalsOf(snapshot);
  const bar = progressBar(io.stderr, 'principals');
  for (const [i, arn] of principals.entries()) {
    const access = scoringAccessOf(snapshot, tools, arn);
    if (access.ok) all.push(access.value);
    else diagnostics.push(...access.diagnostics);
    bar.update(i + 1, principals.length);
  }
  bar.done();
  return diagnostics.length > 0 ? { ok: false, diagnostics } : ok(all);
}

function principalsOf(snapshot: Snapshot): string[] {
  return snapshot.accounts
    .flatMap((a) => [...a.users, ...a.roles])
    .map((p) => p.arn)
    .sort();
}
