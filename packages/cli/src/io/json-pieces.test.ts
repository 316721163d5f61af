import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeJsonPieces } from './json-pieces.js';

/** The pieces `writeJsonPieces` hands over, in order. */
function piecesOf(value: unknown, depth: number): string[] {
  const pieces: string[] = [];
  writeJsonPieces(value, depth, (piece) => pieces.push(piece));
  return pieces;
}

describe('writeJsonPieces', () => {
  it('joins to exactly the text JSON.stringify gives, at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 5 }), (value, depth) => {
        expect(piecesOf(value, depth).join('')).toBe(JSON.stringify(value));
      }),
    );
  });

  it('writes a value that holds the same objects many times as JSON.stringify does, at any depth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(fc.nat(), { maxLength: 6 }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 4 }),
        (shared, picks, depth) => {
          const value = { rows: picks.map((row) => row.map((i) => shared[i % shared.length])) };
          expect(piecesOf(value, depth).join('')).toBe(JSON.stringify(value));
        },
      ),
    );
  });

  it('leaves out members without a JSON form and writes such elements as null, as JSON.stringify does', () => {
    const value = {
      a: undefined,
      b: [undefined, () => 1, 2],
      c: new Date(0),
      d: { e: undefined, f: 'x', h: [new Date(1), Symbol('t')] },
      g: Symbol('s'),
      i: {},
      j: { k: undefined },
    };
    for (const depth of [0, 1, 2, 3, 4]) expect(piecesOf(value, depth).join('')).toBe(JSON.stringify(value));
  });

  it('gives each element of an array `depth` levels down as its own piece', () => {
    const pieces = piecesOf({ principals: [{ arn: 'a', lines: [{ s: 1 }] }, { arn: 'b' }] }, 2);
    expect(pieces).toContain('{"arn":"a","lines":[{"s":1}]}');
    expect(pieces).toContain('{"arn":"b"}');
    const deeper = piecesOf({ principals: [{ arn: 'a', lines: [{ s: 1 }, { s: 2 }] }] }, 4);
    expect(deeper).toContain('{"s":1}');
    expect(deeper).toContain('{"s":2}');
  });

  it('stringifies an object held many times only twice, then reuses its text', () => {
    let reads = 0;
    const shared = {
      get service() {
        reads++;
        return 's3';
      },
      resources: ['*'],
    };
    const value = { principals: [1, 2, 3, 4, 5].map((n) => ({ n, lines: [shared, { other: n }, shared] })) };
    const expected = JSON.stringify(value);
    reads = 0;
    const pieces = piecesOf(value, 4);
    expect(pieces.join('')).toBe(expected);
    expect(reads).toBe(2);
    expect(pieces.filter((piece) => piece === '{"service":"s3","resources":["*"]}')).toHaveLength(10);
  });
});
