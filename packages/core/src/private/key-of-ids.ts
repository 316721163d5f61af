/**
 * The ids of some items, each once, ascending, joined with commas (`3,7,12`): a key for the items
 * as a set. Most lists it is asked for hold one or two items (a service's statements, once per
 * service of each principal): those make no set, no sort and no array.
 */
export function keyOfIds<T>(items: readonly T[], idOf: (item: T) => number): string {
  if (items.length === 0) return '';
  const first = idOf(items[0] as T);
  if (items.length === 1) return `${first}`;
  if (items.length === 2) {
    const second = idOf(items[1] as T);
    return first === second ? `${first}` : first < second ? `${first},${second}` : `${second},${first}`;
  }
  return [...new Set(items.map(idOf))].sort((a, b) => a - b).join(',');
}
