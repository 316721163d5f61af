/**
 * One shared, flat copy of a string. Compiled policies keep many equal strings (condition keys,
 * ARN prefixes); sharing one copy keeps the data a decision reads small and in cache, and lets a
 * Map lookup of a shared key against a shared key compare pointers, not characters. A string made
 * by slicing or concatenating is a view onto other strings; the shared copy is flat.
 *
 * Why an object key: V8 keeps property names in its string table, once per distinct text, and
 * drops them when unused, so sharing costs no cache of our own that could grow without bound.
 * Compile time only: never call this on the hot path.
 */
export function internString(text: string): string {
  const holder: Record<string, true> = { [text]: true };
  for (const key in holder) return key;
  return text;
}
