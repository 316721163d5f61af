/**
 * The items that pass a test, as `Array.prototype.filter` gives them, but the list itself when
 * every item passes: in loops run for each service of each principal, most lists pass whole, and
 * copying them is most of what those loops allocate. Callers never change the result.
 */
export function filterSame<T>(list: readonly T[], test: (item: T) => boolean): readonly T[] {
  let i = 0;
  while (i < list.length && test(list[i] as T)) i++;
  return i === list.length ? list : list.filter(test);
}
