/**
 * A small integer per distinct lowercased action, so that each compiled policy can memoise its
 * matching statements in a Map keyed by number: hashing a number is far cheaper than hashing and
 * comparing a string, and this lookup runs once per policy per decision.
 */
const ids = new Map<string, number>();

/** Ids are never reused: past this many distinct actions (the catalog has about 22,000), none are given. */
const limit = 200_000;

/** The id of a lowercased action, or -1 when the table is full (the caller then does not memoise). */
export function actionIdOf(actionLower: string): number {
  const known = ids.get(actionLower);
  if (known !== undefined) return known;
  if (ids.size >= limit) return -1;
  const id = ids.size;
  ids.set(actionLower, id);
  return id;
}
