import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyzeRisks,
  type Diagnostic,
  type PrincipalScore,
  principalScorer,
  renderScanSummary,
  type ScanResult,
  scanHtmlPieces,
  scanMarkdownPieces,
  scanSnapshot,
  scoreReportOf,
  scoringAccessOf,
} from '@accessloop/core';
import { writeJsonPieces } from '../io/json-pieces.js';
import { readAnalysisInput } from '../io/read-analysis-input.js';
import { readConfig } from '../io/read-config.js';
import { readObservedUsage } from '../io/read-usage.js';
import { type Pieces, writeFilePieces } from '../io/write-file-pieces.js';
import type { Io } from '../io-streams.js';
import { exitCodes, formatDiagnostic, printDiagnostics } from '../output.js';
import { progressBar } from '../progress.js';

/** Options of `accessloop scan`. */
export interface ScanCommandOptions {
  readonly out?: string;
  readonly groupBy: string;
  readonly format: 'text' | 'markdown' | 'html' | 'json';
  readonly risks: boolean;
  readonly config?: string;
}

/**
 * `accessloop scan SNAPSHOT [--out DIR]`: the main job. Computes every principal's effective
 * access, who can reach each resource, and the risk findings; writes `index.html`, `report.md` and
 * `results.json` to DIR, and prints a short summary (or the whole report in `--format`).
 * Shows a progress bar on a terminal.
 */
export async function runScan(snapshotPath: string, options: ScanCommandOptions, io: Io): Promise<number> {
  const config = readConfig(options.config);
  printDiagnostics(io.stderr, config.diagnostics);
  if (!config.ok) return exitCodes.badInput;
  const input = await readAnalysisInput(snapshotPath, io);
  if (!input) return exitCodes.badInput;
  const { snapshot, tools } = input;
  const usage = await readObservedUsage(snapshotPath, snapshot, tools.catalog);
  printDiagnostics(io.stderr, usage.diagnostics);
  if (!usage.ok) return exitCodes.badInput;

  const bar = progressBar(io.stderr, 'principals');
  // Each principal is scored as soon as its access is known, so no access is kept. results.json
  // holds no contributions (`accessloop score --explain ARN` lists them): it grows with the
  // principals, not with principals × resources. The score adds up over the parts of the
  // effective access and of the floor, so they are not combined (`combine: false`).
  const scorer = principalScorer(snapshot, {
    usage: usage.value.usage,
    config: config.value,
    contributions: false,
  });
  const scored: PrincipalScore[] = [];
  const diagnostics: Diagnostic[] = [];
  const scanned = scanSnapshot(snapshot, tools, {
    groupBy: options.groupBy,
    criticalServices: config.value.score.criticalServices,
    onProgress: bar.update,
    onAccess: (access) => {
      const scoring = scoringAccessOf(snapshot, tools, access.principal, access, { combine: false });
      if (scoring.ok) scored.push(scorer(scoring.value));
      else diagnostics.push(...scoring.diagnostics);
    },
  });
  bar.done();
  if (!scanned.ok || diagnostics.length > 0) {
    printDiagnostics(io.stderr, scanned.ok ? diagnostics : scanned.diagnostics);
    return exitCodes.badInput;
  }
  const scan: ScanResult = {
    ...scanned.value,
    scores: scoreReportOf(scored),
    ...(options.risks
      ? { findings: analyzeRisks(snapshot, tools, { credentialReport: usage.value.credentialReports }) }
      : {}),
  };

  if (options.out !== undefined) {
    const written = writeReports(options.out, scan);
    if (written !== undefined) {
      io.stderr.write(
        `${formatDiagnostic({ code: 'input.unreadable', severity: 'error', path: '', message: written })}\n`,
      );
      return exitCodes.badInput;
    }
  }
  if (options.format === 'json') writeBatched((write) => writeJsonText(scan, write), io);
  else if (options.format === 'markdown') writeBatched(eachOf(scanMarkdownPieces(scan)), io);
  else if (options.format === 'html') writeBatched(eachOf(scanHtmlPieces(scan)), io);
  else {
    io.stdout.write(renderScanSummary(scan));
    if (options.out !== undefined) {
      io.stdout.write(`wrote ${join(options.out, 'index.html')}, report.md and results.json\n`);
    }
  }
  return exitCodes.ok;
}

/**
 * Writes the three reports, each to a temporary file renamed into place, so a failed run never
 * leaves half a report over the previous one. Returns a message when the folder cannot be written.
 */
function writeReports(dir: string, scan: ScanResult): string | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    // Piece by piece: a large account's reports are too large to hold at once.
    const files: [string, Pieces][] = [
      ['results.json', (write) => writeJsonText(scan, write)],
      ['report.md', eachOf(scanMarkdownPieces(scan))],
      ['index.html', eachOf(scanHtmlPieces(scan))],
    ];
    for (const [name, text] of files) {
      const temporary = join(dir, `.${name}.${process.pid}.tmp`);
      writeFilePieces(temporary, text);
      renameSync(temporary, join(dir, name));
    }
    return undefined;
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String(e.code) : 'an error';
    return `cannot write the reports to \`${dir}\` (${reason}); check that it is a folder you can write to`;
  }
}

/**
 * `JSON.stringify(value)` and a newline, in pieces ({@link writeJsonPieces}), down to each line
 * of a principal's summary: principals with the same parts share those lines, stringified once.
 */
function writeJsonText(value: unknown, write: (piece: string) => void): void {
  writeJsonPieces(value, 4, write);
  write('\n');
}

/** The pieces of a report given one at a time. */
function eachOf(pieces: Iterable<string>): Pieces {
  return (write) => {
    for (const piece of pieces) write(piece);
  };
}

/** Pieces written to standard output joined into about a megabyte at a time. */
function writeBatched(pieces: Pieces, io: Io): void {
  let buffered = '';
  pieces((piece) => {
    buffered += piece;
    if (buffered.length >= 1 << 20) {
      io.stdout.write(buffered);
      buffered = '';
    }
  });
  if (buffered !== '') io.stdout.write(buffered);
}
