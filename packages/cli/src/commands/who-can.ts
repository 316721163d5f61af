import { type Capability, isCapability, type ReportFormat, renderWhoCan, whoCan } from '@accessloop/core';
import { readAnalysisInput } from '../io/read-analysis-input.js';
import type { Io } from '../io-streams.js';
import { exitCodes, printDiagnostics } from '../output.js';

/** Options of `accessloop who-can`. */
export interface WhoCanOptions {
  readonly resource: string;
  readonly action?: string;
  readonly capability?: string;
  readonly format: 'json' | ReportFormat;
}

/**
 * `accessloop who-can SNAPSHOT --resource ARN [--action A | --capability C]`: the principals that
 * can reach one resource, with the statements that grant it; outsiders and the public first.
 */
export async function runWhoCan(snapshotPath: string, options: WhoCanOptions, io: Io): Promise<number> {
  if (options.action !== undefined && options.capability !== undefined) {
    printDiagnostics(io.stderr, [usage('give `--action` or `--capability`, not both')]);
    return exitCodes.badInput;
  }
  if (options.capability !== undefined && !isCapability(options.capability)) {
    printDiagnostics(io.stderr, [
      usage(
        `\`${options.capability}\` is not a capability; use administer-resource, read-config, read-data, write-data, delete-data or use-resource`,
      ),
    ]);
    return exitCodes.badInput;
  }
  const input = await readAnalysisInput(snapshotPath, io);
  if (!input) return exitCodes.badInput;
  const { snapshot, tools } = input;
  const result = whoCan(snapshot, tools, options.resource, {
    ...(options.action !== undefined ? { action: options.action } : {}),
    ...(options.capability !== undefined ? { capability: options.capability as Capability } : {}),
  });
  if (!result.ok) {
    printDiagnostics(io.stderr, result.diagnostics);
    return exitCodes.badInput;
  }
  io.stdout.write(
    options.format === 'json'
      ? `${JSON.stringify(result.value)}\n`
      : renderWhoCan(result.value, options.format),
  );
  return exitCodes.ok;
}

function usage(message: string) {
  return { code: 'cli.usage', severity: 'error' as const, path: '', message };
}
