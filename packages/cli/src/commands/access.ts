import {
  type AccessResult,
  accessOf,
  hasErrors,
  loadCatalog,
  loadResourceTypeIndex,
  terminalSafe,
} from '@accessloop/core';
import { readSnapshot } from '../io/read-snapshot.js';
import type { Io } from '../io-streams.js';
import { exitCodes, printDiagnostics } from '../output.js';

/** Options of `accessloop access`. */
export interface AccessOptions {
  readonly principal: string;
  readonly format: 'json' | 'text';
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
  io.stdout.write(options.format === 'json' ? `${JSON.stringify(result.value)}\n` : renderText(result.value));
  return exitCodes.ok;
}

const critical = new Set(['iam', 'sts', 'organizations', 'kms']);

/** Plain words: one line per capability and service, with the resources named (up to five). */
function renderText(result: AccessResult): string {
  const lines = [`\`${terminalSafe(result.principal)}\` can:`];
  if (result.capabilities.length === 0)
    lines.push('  nothing: no action is allowed on any resource of the snapshot');
  for (const c of result.capabilities) {
    const shown = c.resources.slice(0, 5).map((r) => `\`${terminalSafe(r)}\``);
    const more = c.resources.length > 5 ? ` and ${c.resources.length - 5} more` : '';
    const flags = [critical.has(c.service) ? 'critical' : '', c.conditional ? 'conditional' : ''].filter(
      Boolean,
    );
    lines.push(
      `- ${c.capability} in ${c.service}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}: ${c.resources.length} resource${c.resources.length === 1 ? '' : 's'} (${shown.join(', ')}${more}), ${c.actions.length} action${c.actions.length === 1 ? '' : 's'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
