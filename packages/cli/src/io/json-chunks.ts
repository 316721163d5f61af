/**
 * The compact JSON text of a value (exactly `JSON.stringify(value)`) as consecutive pieces:
 * objects and arrays down to `depth` levels are opened and their members given one at a time,
 * so a large report is written without ever holding its whole text (a 20,000-role scan's
 * `results.json` is hundreds of megabytes).
 *
 * A member below those levels is one piece. Its text is built `within` levels further down from
 * the texts of the objects there, each kept from the second time it is met: a value that holds
 * one object many times (the scan's principals share their summary lines) stringifies it twice,
 * then reuses the text, and nothing met once is kept.
 */
export function jsonChunks(value: unknown, depth = 2, within = 0): Generator<string, void, undefined> {
  return chunksOf(value, depth, within, new WeakMap());
}

/** Texts of objects by the object: null once met, the text from the second time. */
type Texts = WeakMap<object, string | null>;

function* chunksOf(
  value: unknown,
  depth: number,
  within: number,
  texts: Texts,
): Generator<string, void, undefined> {
  const json = toJson(value);
  if (depth <= 0 || json === null || typeof json !== 'object') {
    yield textOf(json, within, texts);
    return;
  }
  if (Array.isArray(json)) {
    yield '[';
    for (let i = 0; i < json.length; i++) {
      if (i > 0) yield ',';
      // As JSON.stringify does: an element that has no JSON form is null.
      const element = toJson(json[i]);
      if (hasNoJson(element)) yield 'null';
      else yield* chunksOf(element, depth - 1, within, texts);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, member] of Object.entries(json)) {
    const memberJson = toJson(member);
    // As JSON.stringify does: a member that has no JSON form is left out.
    if (hasNoJson(memberJson)) continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* chunksOf(memberJson, depth - 1, within, texts);
  }
  yield '}';
}

/** `JSON.stringify(json)` of a value already through {@link toJson}, built `within` levels down. */
function textOf(json: unknown, within: number, texts: Texts): string {
  if (json === null || typeof json !== 'object') return JSON.stringify(json) ?? 'null';
  if (within > 0) {
    const parts: string[] = [];
    if (Array.isArray(json)) {
      for (const element of json) {
        const elementJson = toJson(element);
        parts.push(hasNoJson(elementJson) ? 'null' : textOf(elementJson, within - 1, texts));
      }
      return `[${parts.join(',')}]`;
    }
    for (const [key, member] of Object.entries(json)) {
      const memberJson = toJson(member);
      if (!hasNoJson(memberJson))
        parts.push(`${JSON.stringify(key)}:${textOf(memberJson, within - 1, texts)}`);
    }
    return `{${parts.join(',')}}`;
  }
  const known = texts.get(json);
  if (typeof known === 'string') return known;
  const text = JSON.stringify(json) as string;
  texts.set(json, known === undefined ? null : text);
  return text;
}

/** Whether JSON.stringify gives a value no text: left out of objects, null in arrays. */
function hasNoJson(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
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
