/**
 * `compute` remembered for each pair of arguments: the first held weakly (a part, a resource list,
 * a configuration: dropped with it), the second by identity or value. Values are never undefined.
 */
export function memoByPair<A extends object, B, V>(compute: (a: A, b: B) => V): (a: A, b: B) => V {
  const byFirst = new WeakMap<A, Map<B, V>>();
  return (a, b) => {
    let bySecond = byFirst.get(a);
    if (!bySecond) {
      bySecond = new Map();
      byFirst.set(a, bySecond);
    }
    let value = bySecond.get(b);
    if (value === undefined) {
      value = compute(a, b);
      bySecond.set(b, value);
    }
    return value;
  };
}
