/**
 * Gives the compact JSON text of a value (exactly `JSON.stringify(value)`) to `write` in
 * consecutive pieces: objects and arrays down to `depth` levels are opened and their members given
 * one at a time, so a large report is written without ever holding its whole text (a 20,000-role
 * scan's `results.json` is hundreds of megabytes).
 *
 * A member below those levels is one piece. Its text is kept from the second time the same object
 * is met: a value that holds one object many times (the scan's principals share their summary
 * lines) stringifies it twice, then reuses the text, and nothing met once is kept.
 *
 * Why a callback and not a generator or joined strings: at 5,000 roles `results.json` is 64 MB
 * in 430,000 such lines. Joining each principal's lines, then the pieces, into strings took
 * 1.3 s; handing each piece on as it is takes 0.3 s with `writeFilePieces`.
 */
export function writeJsonPieces(value: unknown, depth: number, write: (piece: string) => void): void {
  piecesOf(toJson(value), depth, write, new WeakMap());
}

/** Texts of objects by the object: null once met, the text from the second time. */
type Texts = WeakMap<object, string | null>;

/** Writes a value already through {@link toJson} that has a JSON form. */
function piecesOf(json: unknown, depth: number, write: (piece: string) => void, texts: Texts): void {
  if (json === null || typeof json !== 'object') {
    write(JSON.stringify(json) ?? 'null');
    return;
  }
  if (depth <= 0) {
    write(textOf(json, texts));
    return;
  }
  if (Array.isArray(json)) {
    write('[');
    for (let i = 0; i < json.length; i++) {
      if (i > 0) write(',');
      // As JSON.stringify does: an element that has no JSON form is null.
      const element = toJson(json[i]);
      if (hasNoJson(element)) write('null');
      else piecesOf(element, depth - 1, write, texts);
    }
    write(']');
    return;
  }
  let first = true;
  for (const [key, member] of Object.entries(json)) {
    const memberJson = toJson(member);
    // As JSON.stringify does: a member that has no JSON form is left out.
    if (hasNoJson(memberJson)) continue;
    write(`${first ? '{' : ','}${JSON.stringify(key)}:`);
    first = false;
    piecesOf(memberJson, depth - 1, write, texts);
  }
  write(first ? '{}' : '}');
}

/** `JSON.stringify(json)` of an object, kept from the second time it is met. */
function textOf(json: object, texts: Texts): string {
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
