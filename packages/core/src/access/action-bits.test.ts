import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActionBits } from './action-bits.js';

describe('ActionBits', () => {
  const words = 20;
  const ids = fc.array(fc.integer({ min: 0, max: words * 32 - 1 }), { maxLength: 200 });

  it('holds exactly the ids it was made of, sparse or dense', () => {
    fc.assert(
      fc.property(ids, fc.integer({ min: 0, max: words * 32 - 1 }), (members, probe) => {
        const bits = new ActionBits(members, words);
        const set = new Set(members);
        expect(bits.has(probe)).toBe(set.has(probe));
        for (const id of members) expect(bits.has(id)).toBe(true);
      }),
    );
  });

  it('splits ascending ids into members and others, each ascending', () => {
    fc.assert(
      fc.property(ids, ids, (members, probe) => {
        const bits = new ActionBits(members, words);
        const sorted = [...new Set(probe)].sort((a, b) => a - b);
        const set = new Set(members);
        expect(bits.split(sorted)).toEqual([
          sorted.filter((id) => set.has(id)),
          sorted.filter((id) => !set.has(id)),
        ]);
      }),
    );
  });

  it('holds every id when every word is kept', () => {
    const all = Array.from({ length: words * 32 }, (_, id) => id);
    const bits = new ActionBits(all, words);
    for (const id of [0, 31, 32, 333, words * 32 - 1]) expect(bits.has(id)).toBe(true);
    expect(bits.split(all)).toEqual([all, []]);
  });
});
