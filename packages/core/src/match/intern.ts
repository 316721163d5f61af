/**
 * One shared, flat copy of a string. Compiled policies keep many equal strings (condition keys,
 * ARN prefixes); sharing one copy keeps the data a decision reads small and in cache, and a Map
 * lookup of a shared key finds an entry holding the same string by comparing pointers, not
 * characters. A string made by slicing or concatenating is a view onto other strings; the shared
 * copy is flat.
 *
 * The table is bounded: when full it starts again, which costs sharing, never correctness.
 * Compile time only: never call this on the hot path.
 */
export function internString(text: string): string {
  let shared = table.get(text);
  if (shared === undefined) {
    shared = JSON.parse(JSON.stringify(text)) as string;
    if (table.size >= limit) table.clear();
    table.set(shared, shared);
  }
  return shared;
}

const table = new Map<string, string>();
const limit = 100_000;
