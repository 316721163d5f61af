import { createSimulator, explainDecision, hasErrors, loadCatalog, simulateInputFor } from '@accessloop/core';
import { readSnapshot } from '../io/read-snapshot.js';
import type { Io } from '../io-streams.js';
import { exitCodes, printDiagnostics } from '../output.js';

/** Options of `accessloop can`. */
export interface CanOptions {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** `key=value` pairs; a key given several times has several values. */
  readonly context: readonly string[];
  readonly format: 'json' | 'text';
}

/**
 * `accessloop can SNAPSHOT --principal ARN --action A --resource ARN [--context k=v]...`: the
 * decision for a principal of the snapshot, with every policy of the snapshot applied (identity,
 * groups, boundary, SCPs, RCPs, the resource's policy). Output as `simulate`.
 */
export async function runCan(snapshotPath: string, options: CanOptions, io: Io): Promise<number> {
  const context: Record<string, string[]> = {};
  for (const pair of options.context) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      printDiagnostics(io.stderr, [
        {
          code: 'cli.usage',
          severity: 'error',
          path: '',
          message: `\`--context ${pair}\` must be \`key=value\``,
        },
      ]);
      return exitCodes.badInput;
    }
    const key = pair.slice(0, eq);
    context[key] = [...(context[key] ?? []), pair.slice(eq + 1)];
  }
  const snapshot = readSnapshot(snapshotPath);
  printDiagnostics(io.stderr, snapshot.diagnostics);
  if (!snapshot.ok || hasErrors(snapshot.diagnostics)) return exitCodes.badInput;

  const request = {
    principal: options.principal,
    action: options.action,
    resource: options.resource,
    context: Object.fromEntries(
      Object.entries(context).map(([k, v]) => [k, v.length === 1 ? (v[0] as string) : v]),
    ),
  };
  const input = simulateInputFor(snapshot.value, request);
  if (!input.ok) {
    printDiagnostics(io.stderr, input.diagnostics);
    return exitCodes.badInput;
  }
  const result = createSimulator(await loadCatalog()).simulate(input.value);
  if ('error' in result) {
    printDiagnostics(io.stderr, [{ ...result.error, severity: 'error' }]);
    return exitCodes.badInput;
  }
  io.stdout.write(
    `${options.format === 'json' ? JSON.stringify(result) : explainDecision(request, result)}\n`,
  );
  return exitCodes.ok;
}
