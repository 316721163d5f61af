import { chmodSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkFileSize,
  HEAP_BYTES_PER_FILE_BYTE,
  MAX_JSON_FILE_BYTES,
  readJsonFile,
  readTextFile,
} from './read-json-file.js';

const dir = mkdtempSync(join(tmpdir(), 'accessloop-read-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const where = (diagnostics: readonly { code: string; path: string; file?: string }[]) =>
  diagnostics.map(({ code, path, file }) => ({ code, path, file }));

describe('readJsonFile', () => {
  it('reads a JSON file', () => {
    expect(readJsonFile(file('a.json', '{"a": [1, 2]}'))).toEqual({
      ok: true,
      value: { a: [1, 2] },
      diagnostics: [],
    });
  });

  it('reads UTF-8 with a byte order mark and UTF-16 as Windows PowerShell writes it', () => {
    const value = { RoleName: 'café' };
    const utf8 = file(
      'bom8.json',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(value))]),
    );
    const utf16 = file(
      'bom16.json',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(value), 'utf16le')]),
    );
    expect(readJsonFile(utf8)).toMatchObject({ ok: true, value });
    expect(readJsonFile(utf16)).toMatchObject({ ok: true, value });
  });

  it('reports a missing file as input.not-found', () => {
    const missing = join(dir, 'missing.json');
    const result = readJsonFile(missing);
    expect(result.ok).toBe(false);
    expect(where(result.diagnostics)).toEqual([{ code: 'input.not-found', path: '', file: missing }]);
    expect(result.diagnostics[0]?.message).toBe(`\`${missing}\` does not exist; check the path`);
  });

  it('reports an empty file as input.empty', () => {
    const empty = file('empty.json', '');
    expect(where(readJsonFile(empty).diagnostics)).toEqual([{ code: 'input.empty', path: '', file: empty }]);
  });

  it('reports invalid JSON with its line and column', () => {
    const bad = file('bad.json', '{\n  "a": 1,\n}\n');
    const result = readJsonFile(bad);
    expect(where(result.diagnostics)).toEqual([{ code: 'input.invalid-json', path: '', file: bad }]);
    expect(result.diagnostics[0]?.message).toContain('line 3, column 1');
  });

  it('reports a folder as input.unreadable', () => {
    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    expect(where(readJsonFile(folder).diagnostics)).toEqual([
      { code: 'input.unreadable', path: '', file: folder },
    ]);
  });

  // root reads any file whatever its mode, so the case cannot be set up as root
  it.skipIf(process.getuid?.() === 0)('reports a file without read permission as input.unreadable', () => {
    const locked = file('locked.json', '{}');
    chmodSync(locked, 0o000);
    expect(where(readTextFile(locked).diagnostics)).toEqual([
      { code: 'input.unreadable', path: '', file: locked },
    ]);
  });
});

describe('size limits', () => {
  it('refuses a file longer than the longest string V8 can make, before reading it', () => {
    // A sparse file: its size is above the limit, none of its blocks is written.
    const huge = file('huge.json', '');
    truncateSync(huge, MAX_JSON_FILE_BYTES + 1);
    const result = readTextFile(huge);
    expect(where(result.diagnostics)).toEqual([{ code: 'input.too-large', path: '', file: huge }]);
    expect(result.diagnostics[0]?.message).toMatch(
      /is 536,870,889 bytes, above the 536,870,888 \(512 MiB\) that one file can hold; make it smaller/,
    );
  });

  it('refuses a file whose parse would not fit in the free heap, and says which heap size to use', () => {
    const gib = 1024 ** 3;
    const size = 300 * 1024 ** 2;
    expect(checkFileSize('iam.json', size, { limit: 4 * gib, used: 0.5 * gib })).toBeUndefined();
    expect(checkFileSize('iam.json', size, { limit: 1 * gib, used: 0.5 * gib })).toEqual({
      code: 'input.too-large',
      severity: 'error',
      path: '',
      file: 'iam.json',
      message: `\`iam.json\` (300 MiB) needs about ${300 * HEAP_BYTES_PER_FILE_BYTE} MiB of memory to load, and 512 MiB is free; run again with \`NODE_OPTIONS=--max-old-space-size=${Math.ceil(0.5 + (300 * HEAP_BYTES_PER_FILE_BYTE) / 1024) * 1024}\``,
    });
  });
});
