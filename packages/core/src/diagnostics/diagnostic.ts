/**
 * Bad input is data, not an exception: every parser and validator of accessloop returns a
 * {@link Result}, and a failure carries {@link Diagnostic}s that point into the input.
 */

/** How bad a diagnostic is: an `error` stops the input from being used, a `warning` does not. */
export type Severity = 'error' | 'warning';

/**
 * One problem found in an input.
 *
 * `path` points into the file, in the JSONPath-like form AWS users read in their editors:
 * `RoleDetailList[12].RolePolicyList[0].PolicyDocument.Statement[2].Action`. `file` is set by
 * whoever knows the file name (the CLI), never by the pure parsers.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly path: string;
  readonly message: string;
  readonly file?: string;
}

/** The outcome of parsing or validating: a value, or the diagnostics that prevented one. */
export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** A successful result, with optional warnings. */
export function ok<T>(value: T, diagnostics: readonly Diagnostic[] = []): Result<T> {
  return { ok: true, value, diagnostics };
}

/** A failed result. */
export function fail<T>(diagnostics: readonly Diagnostic[]): Result<T> {
  return { ok: false, diagnostics };
}

/** An error diagnostic. */
export function error(code: string, path: string, message: string): Diagnostic {
  return { code, severity: 'error', path, message };
}

/** A warning diagnostic. */
export function warning(code: string, path: string, message: string): Diagnostic {
  return { code, severity: 'warning', path, message };
}

/** Whether any of the diagnostics is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Appends a property name or an index to a diagnostic path: `joinPath('A', 0)` is `A[0]`. */
export function joinPath(base: string, part: string | number): string {
  if (typeof part === 'number') return `${base}[${part}]`;
  if (base === '') return part;
  return /^[A-Za-z_$][\w$]*$/.test(part) ? `${base}.${part}` : `${base}[${JSON.stringify(part)}]`;
}
