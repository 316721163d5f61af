import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterSame } from './filter-same.js';
import { keyOfIds } from './key-of-ids.js';
import { memoByLast } from './memo-by-last.js';
import { mergeSorted } from './merge-sorted.js';

describe('keyOfIds', () => {
  it('gives the distinct ids ascending, joined with commas, for lists of any length', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { maxLength: 6 }), (ids) => {
        const items = ids.map((id) => ({ id }));
        const expected = [...new Set(ids)].sort((a, b) => a - b).join(',');
        expect(keyOfIds(items, (item) => item.id)).toBe(expected);
      }),
    );
  });
});

describe('filterSame', () => {
  it('keeps what Array.prototype.filter keeps, and gives the list itself when every item passes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 20 })), (list) => {
        const test = (n: number) => n >= 0;
        const kept = filterSame(list, test);
        expect(kept).toEqual(list.filter(test));
        expect(kept === list).toBe(list.every(test));
      }),
    );
  });
});

describe('memoByLast', () => {
  it('gives what compute gives, computing again only when the second argument changes for that first', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 2 })), { maxLength: 30 }), (calls) => {
        const objects = [{}, {}, {}, {}];
        const computed: [number, number][] = [];
        const memo = memoByLast((a: object, b: number) => {
          computed.push([objects.indexOf(a), b]);
          return objects.indexOf(a) * 10 + b;
        });
        const last = new Map<number, number>();
        const expected: [number, number][] = [];
        for (const [a, b] of calls) {
          expect(memo(objects[a] as object, b)).toBe(a * 10 + b);
          if (last.get(a) !== b) expected.push([a, b]);
          last.set(a, b);
        }
        expect(computed).toEqual(expected);
      }),
    );
  });
});

describe('mergeSorted', () => {
  it('gives the sorted union of two sorted lists without duplicates, an empty one giving the other itself', () => {
    const sorted = fc.uniqueArray(fc.integer({ min: 0, max: 30 })).map((l) => l.sort((x, y) => x - y));
    fc.assert(
      fc.property(sorted, sorted, (a, b) => {
        const merged = mergeSorted(a, b, (x, y) => x - y);
        expect(merged).toEqual([...new Set([...a, ...b])].sort((x, y) => x - y));
        // Both empty: either list is right.
        if (a.length === 0) expect(merged).toBe(b);
        else if (b.length === 0) expect(merged).toBe(a);
      }),
    );
  });
});
