import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from './json-chunks.js';

describe('jsonChunks', () => {
  it('joins to exactly the text JSON.stringify gives, at any depth, built whole any levels further', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (value, depth, within) => {
          expect([...jsonChunks(value, depth, within)].join('')).toBe(JSON.stringify(value));
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
    };
    for (const within of [0, 1, 2, 3])
      expect([...jsonChunks(value, 1, within)].join('')).toBe(JSON.stringify(value));
  });

  it('gives each element of a top-level array as its own piece', () => {
    const chunks = [...jsonChunks({ principals: [{ arn: 'a' }, { arn: 'b' }] })];
    expect(chunks).toContain('{"arn":"a"}');
    expect(chunks).toContain('{"arn":"b"}');
  });

  it('writes an object held many times as JSON.stringify does, stringifying it only twice', () => {
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
    const chunks = [...jsonChunks(value, 2, 2)];
    expect(chunks.join('')).toBe(expected);
    expect(reads).toBe(2);
    // Each principal is one piece.
    expect(chunks.filter((c) => c.startsWith('{"n":'))).toHaveLength(5);
  });
});
