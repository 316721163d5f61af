import type { Diagnostic } from '@accessloop/core';

/** Exit codes of every command: 0 ok, 1 findings at or above `--fail-on`, 2 bad input or usage. */
export const exitCodes = { ok: 0, findings: 1, badInput: 2 } as const;

/** One line per diagnostic: `file: path: message [code]`, errors and warnings alike. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = [diagnostic.file, diagnostic.path].filter((part) => part !== undefined && part !== '').join(': ');
  const label = diagnostic.severity === 'error' ? 'error' : 'warning';
  return `${label}: ${where ? `${where}: ` : ''}${diagnostic.message} [${diagnostic.code}]`;
}

/** Prints diagnostics to standard error. */
export function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
}
