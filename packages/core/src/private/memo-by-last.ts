/**
 * `compute` remembered for each first argument (held weakly: a part, a resource list) with the
 * second it was last asked with: for a second argument that seldom changes (a scan's one score
 * model), one entry per first argument, where `memoByPair` makes a map for each. Values may be
 * anything but are recomputed when the second argument changes.
 */
export function memoByLast<A extends object, B, V>(compute: (a: A, b: B) => V): (a: A, b: B) => V {
  const known = new WeakMap<A, { readonly b: B; readonly value: V }>();
  return (a, b) => {
    const entry = known.get(a);
    if (entry !== undefined && entry.b === b) return entry.value;
    const value = compute(a, b);
    known.set(a, { b, value });
    return value;
  };
}
