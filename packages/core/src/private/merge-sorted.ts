/**
 * Two lists sorted by `order`, without duplicates, as one sorted list: items the order finds
 * equal are taken once. A list that is empty gives the other as it is (callers never change
 * either).
 */
export function mergeSorted<T>(
  a: readonly T[],
  b: readonly T[],
  order: (x: T, y: T) => number,
): readonly T[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as T;
    const y = b[j] as T;
    const o = order(x, y);
    if (o <= 0) {
      merged.push(x);
      i++;
      if (o === 0) j++;
    } else {
      merged.push(y);
      j++;
    }
  }
  while (i < a.length) merged.push(a[i++] as T);
  while (j < b.length) merged.push(b[j++] as T);
  return merged;
}
