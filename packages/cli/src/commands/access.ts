import {
  accessOf,
  hasErrors,
  loadCatalog,
  loadResourceTypeIndex,
  type ReportFormat,
  renderAccess,
} from '@accessloop/core';
import { readSnapshot } from '../io/read-snapshot.js';
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
  const snapshot = readSnapshot(snapshotPath);
  printDiagnostics(io.stderr, snapshot.diagnostics);
  if (!snapshot.ok || hasErrors(snapshot.diagnostics)) return exitCodes.badInput;
  const catalog = await loadCatalog();
  const tools = { catalog, resourceTypes: await loadResourceTypeIndex(catalog) };
  const result = accessOf(snapshot.value, tools, options.principal);
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
