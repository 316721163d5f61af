import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterSame } from './filter-same.js';
import { keyOfIds } from './key-of-ids.js';

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
