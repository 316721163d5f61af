import { type Diagnostic, terminalSafe } from '@accessloop/core';
import type { Writable } from './io-streams.js';

/** Exit codes of every command: 0 ok, 1 findings at or above `--fail-on`, 2 bad input or usage. */
export const exitCodes = { ok: 0, findings: 1, badInput: 2 } as const;

/** One line per diagnostic: `file: path: message [code]`, errors and warnings alike, terminal-safe. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = [diagnostic.file, diagnostic.path]
    .filter((part) => part !== undefined && part !== '')
    .join(': ');
  const label = diagnostic.severity === 'error' ? 'error' : 'warning';
  // Messages quote names and ids from the input: make them safe for the terminal.
  return terminalSafe(`${label}: ${where ? `${where}: ` : ''}${diagnostic.message} [${diagnostic.code}]`);
}

/** Prints diagnostics, one line each. */
export function printDiagnostics(stderr: Writable, diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) stderr.write(`${formatDiagnostic(diagnostic)}\n`);
}
