/**
 * A set of small numbers (catalog action ids) that keeps only its non-empty 32-bit words: a
 * statement names a few actions of a few services out of some 18,000, so a dense bitset per
 * statement would be mostly zeros (2.3 kB each, for every statement of the snapshot).
 */
export class ActionBits {
  /** The word numbers (id >>> 5) that hold a member, ascending. */
  private readonly index: Int32Array;
  /** The words, in the order of {@link index}. */
  private readonly words: Uint32Array;
  /** Whether every word is kept (index[k] === k), so a word is found without a search. */
  private readonly dense: boolean;

  constructor(ids: Iterable<number>, wordCount: number) {
    const byWord = new Map<number, number>();
    for (const id of ids) byWord.set(id >>> 5, ((byWord.get(id >>> 5) ?? 0) | (1 << (id & 31))) >>> 0);
    const numbers = [...byWord.keys()].sort((a, b) => a - b);
    this.index = Int32Array.from(numbers);
    this.words = Uint32Array.from(numbers, (w) => byWord.get(w) as number);
    this.dense = numbers.length === wordCount;
  }

  /** Whether `id` is a member. */
  has(id: number): boolean {
    const word = this.wordAt(id >>> 5);
    return ((word >>> (id & 31)) & 1) === 1;
  }

  /** The word `w` of the set (0 when it holds no member there). */
  private wordAt(w: number): number {
    if (this.dense) return this.words[w] as number;
    const { index } = this;
    let lo = 0;
    let hi = index.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = index[mid] as number;
      if (at === w) return this.words[mid] as number;
      if (at < w) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** Ascending ids split into the members and the others, each ascending. */
  split(ids: readonly number[]): [number[], number[]] {
    const members: number[] = [];
    const others: number[] = [];
    // One word lookup per run of ids in the same word.
    let at = -1;
    let word = 0;
    for (const id of ids) {
      if (id >>> 5 !== at) {
        at = id >>> 5;
        word = this.wordAt(at);
      }
      ((word >>> (id & 31)) & 1 ? members : others).push(id);
    }
    return [members, others];
  }
}
