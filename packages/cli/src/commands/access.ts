import { accessOf, type ReportFormat, renderAccess } from '@accessloop/core';
import { readAnalysisInput } from '../io/read-analysis-input.js';
import type { Io } from '../io-streams.js';
import { exitCodes, printDiagnostics } from '../output.js';

/** Options of `accessloop access`. */
export interface AccessOptions {
  readonly principal: string;
  readonly format: 'json' | ReportFormat;
}

/**
 * `accessloop access SNAPSHOT --principal ARN`: what a principal can do, by capability and service,
 * with every policy of the snapshot applied.
 */
export async function runAccess(snapshotPath: string, options: AccessOptions, io: Io): Promise<number> {
  const input = await readAnalysisInput(snapshotPath, io);
  if (!input) return exitCodes.badInput;
  const { snapshot, tools } = input;
  const result = accessOf(snapshot, tools, options.principal);
  if (!result.ok) {
    printDiagnostics(io.stderr, result.diagnostics);
    return exitCodes.badInput;
  }
  io.stdout.write(
    options.format === 'json'
      ? `${JSON.stringify(result.value)}\n`
      : renderAccess(result.value, options.format),
  );
  return exitCodes.ok;
}
