/**
 * Small readers for untyped JSON that report what is wrong instead of throwing. Each reader
 * pushes at most one diagnostic and returns `undefined` (or an empty list) for a bad value, so a
 * whole file is checked in one pass and every problem is reported at once.
 */
import { type Diagnostic, error, joinPath, warning } from '../../diagnostics/diagnostic.js';
import type { SnapshotCode } from '../codes.js';
import type { Tags } from '../model.js';

/** Where diagnostics go, and the advice that ends every shape message of this file. */
export interface Checker {
  readonly diagnostics: Diagnostic[];
  /** What to do about a shape error, e.g. "export the file again with `aws iam ...`". */
  readonly fix: string;
}

/** An error diagnostic with a code of the snapshot loader. */
export function snapshotError(code: SnapshotCode, path: string, message: string): Diagnostic {
  return error(code, path, message);
}

/** A warning diagnostic with a code of the snapshot loader. */
export function snapshotWarning(code: SnapshotCode, path: string, message: string): Diagnostic {
  return warning(code, path, message);
}

/** A JSON object, as read from a file. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Whether a value is a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "a string", "an array", "null"...: how a message names what it found. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' || type === 'undefined' ? `an ${type}` : `a ${type}`;
}

/** Reports an `invalid-shape` error at `path`. */
export function reportShape(c: Checker, path: string, message: string): void {
  c.diagnostics.push(snapshotError('snapshot.invalid-shape', path, `${message}; ${c.fix}`));
}

function reportWrongType(c: Checker, path: string, key: string, expected: string, found: unknown): void {
  reportShape(c, path, `\`${key}\` must be ${expected}, found ${describeType(found)}`);
}

/** A string property that must be present. */
export function requireString(
  c: Checker,
  obj: Readonly<Record<string, unknown>>,
  key: string,
  path: string,
): string | undefined {
  const value = obj[key];
  if (typeof value === 'string') return value;
  if (value === undefined) reportShape(c, joinPath(path, key), `\`${key}\` is missing`);
  else reportWrongType(c, joinPath(path, key), key, 'a string', value);
  return undefined;
}

/** A string property that may be absent or null. */
export function optionalString(
  c: Checker,
  obj: Readonly<Record<string, unknown>>,
  key: string,
  path: string,
): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null || typeof value === 'string') return value ?? undefined;
  reportWrongType(c, joinPath(path, key), key, 'a string', value);
  return undefined;
}

/** A boolean property that may be absent or null. */
export function optionalBoolean(
  c: Checker,
  obj: Readonly<Record<string, unknown>>,
  key: string,
  path: string,
): boolean | undefined {
  const value = obj[key];
  if (value === undefined || value === null || typeof value === 'boolean') return value ?? undefined;
  reportWrongType(c, joinPath(path, key), key, 'true or false', value);
  return undefined;
}

/** A non-negative integer property that may be absent or null (then 0). */
export function optionalCount(
  c: Checker,
  obj: Readonly<Record<string, unknown>>,
  key: string,
  path: string,
): number {
  const value = obj[key];
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  reportWrongType(c, joinPath(path, key), key, 'a whole number', value);
  return 0;
}

/** An array property that may be absent or null (then empty). */
export function optionalArray(
  c: Checker,
  obj: Readonly<Record<string, unknown>>,
  key: string,
  path: string,
): readonly unknown[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  reportWrongType(c, joinPath(path, key), key, 'an array', value);
  return [];
}

/** An object property that may be absent or null. */
export function optionalRecord(
  c: Checker,
  obj: Readonly<Record<string, unknown>>,
  key: string,
  path: string,
): Readonly<Record<string, unknown>> | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (isRecord(value)) return value;
  reportWrongType(c, joinPath(path, key), key, 'an object', value);
  return undefined;
}

/** The objects of an array; reports each element that is not an object and leaves it out. */
export function recordsOf(
  c: Checker,
  items: readonly unknown[],
  path: string,
  what: string,
): { readonly item: Readonly<Record<string, unknown>>; readonly path: string }[] {
  const out: { item: Readonly<Record<string, unknown>>; path: string }[] = [];
  items.forEach((item, index) => {
    const itemPath = joinPath(path, index);
    if (isRecord(item)) out.push({ item, path: itemPath });
    else reportShape(c, itemPath, `${what} must be an object, found ${describeType(item)}`);
  });
  return out;
}

/** A record with no prototype, so that a tag named `constructor` or `__proto__` is only data. */
function emptyTags(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** Tags in IAM's and Organizations' wire form: `[{"Key": "team", "Value": "orders"}]`. */
export function readTagList(c: Checker, obj: Readonly<Record<string, unknown>>, path: string): Tags {
  const tags = emptyTags();
  for (const { item, path: tagPath } of recordsOf(
    c,
    optionalArray(c, obj, 'Tags', path),
    joinPath(path, 'Tags'),
    'a tag',
  )) {
    const key = requireString(c, item, 'Key', tagPath);
    const value = requireString(c, item, 'Value', tagPath);
    if (key !== undefined && value !== undefined) tags[key] = value;
  }
  return tags;
}

/** Tags as an object of strings: `{"team": "orders"}`. */
export function readTagRecord(c: Checker, obj: Readonly<Record<string, unknown>>, path: string): Tags {
  const tags = emptyTags();
  const record = optionalRecord(c, obj, 'tags', path);
  if (record === undefined) return tags;
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') tags[key] = value;
    else reportWrongType(c, joinPath(joinPath(path, 'tags'), key), key, 'a string', value);
  }
  return tags;
}

/** Compares two strings by UTF-16 code units, the stable order of every list of the model. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
