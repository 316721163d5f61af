import { gamedayPlaybook, type ReportFormat, renderGameday } from '@accessloop/core';
import { readAnalysisInput } from '../io/read-analysis-input.js';
import type { Io } from '../io-streams.js';
import { exitCodes, printDiagnostics } from '../output.js';

/** Options of `accessloop gameday`. */
export interface GamedayCommandOptions {
  readonly principal: string;
  readonly format: ReportFormat;
}

/**
 * `accessloop gameday SNAPSHOT --principal ARN`: the attack playbook the principal's real access
 * enables, for a practice environment, opening with a notice that says so.
 */
export async function runGameday(
  snapshotPath: string,
  options: GamedayCommandOptions,
  io: Io,
): Promise<number> {
  const input = await readAnalysisInput(snapshotPath, io);
  if (!input) return exitCodes.badInput;
  const playbook = gamedayPlaybook(input.snapshot, input.tools, options.principal);
  if (!playbook.ok) {
    printDiagnostics(io.stderr, playbook.diagnostics);
    return exitCodes.badInput;
  }
  io.stdout.write(renderGameday(playbook.value, options.format));
  return exitCodes.ok;
}
