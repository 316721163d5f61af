/**
 * The compact JSON text of a value (exactly `JSON.stringify(value)`) as consecutive pieces:
 * objects and arrays down to `depth` levels are opened and their members given one at a time,
 * so a large report is written without ever holding its whole text (a 20,000-role scan's
 * `results.json` is hundreds of megabytes).
 */
export function* jsonChunks(value: unknown, depth = 2): Generator<string, void, undefined> {
  const json = toJson(value);
  if (depth <= 0 || json === null || typeof json !== 'object') {
    yield JSON.stringify(json) ?? 'null';
    return;
  }
  if (Array.isArray(json)) {
    yield '[';
    for (let i = 0; i < json.length; i++) {
      if (i > 0) yield ',';
      // As JSON.stringify does: an element that has no JSON form is null.
      const element = toJson(json[i]);
      if (element === undefined || typeof element === 'function' || typeof element === 'symbol') yield 'null';
      else yield* jsonChunks(element, depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, member] of Object.entries(json)) {
    const memberJson = toJson(member);
    // As JSON.stringify does: a member that has no JSON form is left out.
    if (memberJson === undefined || typeof memberJson === 'function' || typeof memberJson === 'symbol') {
      continue;
    }
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonChunks(memberJson, depth - 1);
  }
  yield '}';
}

/** The value JSON.stringify would write for `value`: its `toJSON()` when it has one. */
function toJson(value: unknown): unknown {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  return value;
}
