import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFilePieces } from './write-file-pieces.js';

const dir = mkdtempSync(join(tmpdir(), 'accessloop-write-file-pieces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the pieces to a file and reads it back. */
function roundTrip(pieces: readonly string[]): string {
  const path = join(dir, 'out.txt');
  writeFilePieces(path, (write) => {
    for (const piece of pieces) write(piece);
  });
  return readFileSync(path, 'utf8');
}

describe('writeFilePieces', () => {
  it('writes exactly the pieces joined, in UTF-8, whatever their sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 50 }), { maxLength: 30 }), (pieces) => {
        expect(roundTrip(pieces)).toBe(pieces.join(''));
      }),
      { numRuns: 50 },
    );
  });

  it('writes pieces across the buffer: many that fill it, multi-byte text at its end, one larger than it', () => {
    const line = `${'é€😀'.repeat(10)}${'x'.repeat(1000)}\n`;
    const pieces = [...Array.from({ length: 3000 }, () => line), 'ü'.repeat(1 << 20), 'tail'];
    const text = roundTrip(pieces);
    expect(text.length).toBe(pieces.join('').length);
    expect(text).toBe(pieces.join(''));
  });

  it('replaces a file that was there and writes an empty one when nothing is given', () => {
    expect(roundTrip(['old text that is long'])).toBe('old text that is long');
    expect(roundTrip(['new'])).toBe('new');
    expect(roundTrip([])).toBe('');
  });
});
