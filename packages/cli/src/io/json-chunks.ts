/**
 * The compact JSON text of a value (exactly `JSON.stringify(value)`) as consecutive pieces:
 * objects and arrays down to `depth` levels are opened and their members given one at a time,
 * so a large report is written without ever holding its whole text (a 20,000-role scan's
 * `results.json` is hundreds of megabytes).
 */
export function jsonChunks(value: unknown, depth = 2): Generator<string, void, undefined> {
  return chunksOf(value, depth, new WeakMap());
}

/**
 * {@link jsonChunks}, with the text of an object written whole kept by the object once it is met
 * again (null: met once): a value that holds one object many times (the scan's principals share
 * their summary lines) writes it twice, then reuses the text.
 */
function* chunksOf(
  value: unknown,
  depth: number,
  texts: WeakMap<object, string | null>,
): Generator<string, void, undefined> {
  const json = toJson(value);
  if (json === null || typeof json !== 'object') {
    yield JSON.stringify(json) ?? 'null';
    return;
  }
  if (depth <= 0) {
    // Kept from the second time an object is met, so a value's unshared parts are never held.
    const known = texts.get(json);
    if (typeof known === 'string') {
      yield known;
      return;
    }
    const text = JSON.stringify(json) as string;
    texts.set(json, known === undefined ? null : text);
    yield text;
    return;
  }
  if (Array.isArray(json)) {
    yield '[';
    for (let i = 0; i < json.length; i++) {
      if (i > 0) yield ',';
      // As JSON.stringify does: an element that has no JSON form is null.
      const element = toJson(json[i]);
      if (element === undefined || typeof element === 'function' || typeof element === 'symbol') yield 'null';
      else yield* chunksOf(element, depth - 1, texts);
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
    yield* chunksOf(memberJson, depth - 1, texts);
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
