/**
 * Reading one JSON file from disk, without ever letting a large file crash Node.js.
 *
 * accessloop reads a file whole and parses it with `JSON.parse`, the fastest parser Node.js has,
 * instead of stream-parsing it: a snapshot is analysed in memory anyway, so streaming would save
 * the text's memory only, at several times the parse time. Two limits keep this safe:
 * - a file above {@link MAX_JSON_FILE_BYTES} (V8's longest string, about 512 MiB) is refused:
 *   it cannot become one string;
 * - a file whose parse would not fit in the free V8 heap (estimated as
 *   {@link HEAP_BYTES_PER_FILE_BYTE} times its size) is refused with the `--max-old-space-size`
 *   to run with, instead of dying with an out-of-memory crash half-way.
 * Both are `input.too-large` diagnostics. Measured on a generated 200 MiB
 * `get-account-authorization-details` file (52,000 roles, 4,000 customer policies with three
 * versions each): 4.5 s and 730 MiB peak RSS on Node 20 with its default heap.
 */
import { constants } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { type Diagnostic, parseJsonText, type Result } from '@accessloop/core';

/** The largest file read: the longest string V8 can make (2^29 - 24 UTF-16 units on 64-bit). */
export const MAX_JSON_FILE_BYTES: number = constants.MAX_STRING_LENGTH;

/**
 * V8 heap bytes that loading one byte of JSON may take: the text, the parsed objects and the
 * model built from them. Measured on generated `get-account-authorization-details` files (the
 * generator is in `read-snapshot-large.test.ts`): the live heap peaks near 1.9 bytes per byte
 * for the CLI's pretty-printed output and 2.8 for compact JSON, and every form (pretty, compact,
 * URL-encoded documents) still loaded with a heap limit just above 4 bytes per byte.
 */
export const HEAP_BYTES_PER_FILE_BYTE = 4;

const MIB = 1024 * 1024;

/**
 * The text of a file, or why it cannot be read: `input.not-found`, `input.unreadable`,
 * `input.too-large`. A UTF-16 file (Windows PowerShell 5 writes `>` redirections so) is
 * decoded as such; a byte order mark is left for the JSON parser, which skips it.
 */
export function readTextFile(path: string): Result<string> {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return failWith(unreadable(path, 'it is not a file'));
    size = stats.size;
  } catch (cause) {
    return failWith(fileError(path, cause));
  }
  const heap = getHeapStatistics();
  const tooLarge = checkFileSize(path, size, { limit: heap.heap_size_limit, used: heap.used_heap_size });
  if (tooLarge !== undefined) return failWith(tooLarge);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    return failWith(fileError(path, cause));
  }
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  return { ok: true, value: bytes.toString(utf16 ? 'utf16le' : 'utf8'), diagnostics: [] };
}

/** The V8 heap, in bytes: its size limit and what is in use. */
export interface HeapUse {
  readonly limit: number;
  readonly used: number;
}

/**
 * Whether a file of `size` bytes can be read into the heap described by `heap`: `undefined`
 * when it can, else the `input.too-large` diagnostic, which says what to do.
 */
export function checkFileSize(path: string, size: number, heap: HeapUse): Diagnostic | undefined {
  const tooLarge = (message: string): Diagnostic => ({
    code: 'input.too-large',
    severity: 'error',
    path: '',
    file: path,
    message,
  });
  if (size > MAX_JSON_FILE_BYTES) {
    return tooLarge(
      `\`${path}\` is ${size.toLocaleString('en-US')} bytes, above the ${MAX_JSON_FILE_BYTES.toLocaleString('en-US')} (${formatMib(MAX_JSON_FILE_BYTES)}) that one file can hold; make it smaller (in \`get-account-authorization-details\` output, the \`PolicyVersionList\` entries with \`IsDefaultVersion: false\` can go: accessloop does not read them)`,
    );
  }
  const free = heap.limit - heap.used;
  const needed = size * HEAP_BYTES_PER_FILE_BYTE;
  if (needed <= free) return undefined;
  const suggestion = Math.ceil((heap.used + needed) / (1024 * MIB)) * 1024;
  return tooLarge(
    `\`${path}\` (${formatMib(size)}) needs about ${formatMib(needed)} of memory to load, and ${formatMib(Math.max(free, 0))} is free; run again with \`NODE_OPTIONS=--max-old-space-size=${suggestion}\``,
  );
}

/** A JSON file, parsed; diagnostics carry `file`. */
export function readJsonFile(path: string): Result<unknown> {
  const text = readTextFile(path);
  if (!text.ok) return text;
  const json = parseJsonText(text.value);
  return json.ok ? json : { ok: false, diagnostics: json.diagnostics.map((d) => ({ ...d, file: path })) };
}

/** The diagnostic for a failed `fs` call: `input.not-found` for a missing path, else `input.unreadable`. */
export function fileError(path: string, cause: unknown): Diagnostic {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return {
      code: 'input.not-found',
      severity: 'error',
      path: '',
      file: path,
      message: `\`${path}\` does not exist; check the path`,
    };
  }
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (cause as Error).message;
  return unreadable(path, reason);
}

function unreadable(path: string, reason: string): Diagnostic {
  return {
    code: 'input.unreadable',
    severity: 'error',
    path: '',
    file: path,
    message: `cannot read \`${path}\`: ${reason}; check the path and its permissions`,
  };
}

function failWith(diagnostic: Diagnostic): Result<string> {
  return { ok: false, diagnostics: [diagnostic] };
}

function formatMib(bytes: number): string {
  return `${Math.ceil(bytes / MIB)} MiB`;
}
