/**
 * Wildcard matching for IAM: `*` matches any run of characters (also none), `?` matches exactly
 * one character. Used by `StringLike`, `ArnLike` and by action and resource matching.
 *
 * Why not a regular expression: a regex built from policy text backtracks, and a pattern such as
 * `*a*a*a*a*a*b` takes exponential time on a long run of `a`s. Here a pattern is split on `*` into
 * pieces; the first piece is anchored at the start, the last at the end, and every piece between
 * is found greedily at its leftmost position. Greedy leftmost is correct for `*`-separated pieces
 * (taking an earlier occurrence of a piece never leaves less room for the pieces after it), so
 * matching never backtracks: one pass over the text per piece at most, found with `indexOf`.
 *
 * Characters are UTF-16 code units, so `?` matches one code unit.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 */

/**
 * A run of pattern text. In a part with `wildcards`, `*` and `?` are wildcards; in a part without,
 * every character is literal. Policy variables need both: the policy's own text keeps its
 * wildcards, while the value a variable (or `${*}`) puts in is matched literally.
 */
export interface GlobPart {
  readonly text: string;
  readonly wildcards: boolean;
}

/** Tests whether `text.slice(start, end)` matches, without slicing. */
export type RangeMatcher = (text: string, start: number, end: number) => boolean;

/** A `*`-free piece of a pattern. */
interface Piece {
  readonly text: string;
  /** 1 where the piece has a `?` wildcard; undefined when it has none (then `indexOf` finds it). */
  readonly any: Uint8Array | undefined;
  /** For a piece with `?`: its longest literal run, used to jump to candidate positions. */
  readonly anchor: string;
  readonly anchorOffset: number;
}

/**
 * Compiles a wildcard pattern into a test. Compile once, test many times.
 *
 * @param ignoreCase fold case (see {@link foldCase}) of the pattern now and of each text tested.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 */
export function compileGlob(pattern: string, ignoreCase = false): (text: string) => boolean {
  return compileGlobParts([{ text: pattern, wildcards: true }], ignoreCase);
}

/**
 * Compiles a pattern made of parts with and without wildcards (see {@link GlobPart}).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
export function compileGlobParts(parts: readonly GlobPart[], ignoreCase = false): (text: string) => boolean {
  const match = compileGlobRange(parts, ignoreCase);
  if (ignoreCase) {
    return (text) => {
      const folded = foldCase(text);
      return match(folded, 0, folded.length);
    };
  }
  return (text) => match(text, 0, text.length);
}

/**
 * Compiles a pattern into a test of a range of a text, so that a caller matching pieces of one
 * string (the six parts of an ARN) does not have to slice it. With `ignoreCase`, the caller
 * passes text already folded with {@link foldCase}.
 */
export function compileGlobRange(parts: readonly GlobPart[], ignoreCase = false): RangeMatcher {
  const pieces = splitPieces(
    ignoreCase ? parts.map((p) => ({ text: foldCase(p.text), wildcards: p.wildcards })) : parts,
  );
  const first = pieces[0] as Piece;
  if (pieces.length === 1) {
    const length = first.text.length;
    if (first.any === undefined) {
      const literal = first.text;
      return (text, start, end) => end - start === length && text.startsWith(literal, start);
    }
    return (text, start, end) => end - start === length && matchesAt(text, start, first);
  }
  const last = pieces[pieces.length - 1] as Piece;
  const middle = pieces.slice(1, -1).filter((p) => p.text.length > 0);
  if (first.text === '' && last.text === '' && middle.length === 0) return () => true;
  let minLength = first.text.length + last.text.length;
  for (const piece of middle) minLength += piece.text.length;
  const firstLength = first.text.length;
  const lastLength = last.text.length;
  return (text, start, end) => {
    if (end - start < minLength) return false;
    if (!matchesAt(text, start, first)) return false;
    const lastStart = end - lastLength;
    if (!matchesAt(text, lastStart, last)) return false;
    let position = start + firstLength;
    for (let i = 0; i < middle.length; i++) {
      const piece = middle[i] as Piece;
      const found = findFrom(text, position, lastStart, piece);
      if (found < 0) return false;
      position = found + piece.text.length;
    }
    return true;
  };
}

/**
 * The case folding of the `IgnoreCase` operators and of `compileGlob(pattern, true)`: upper case,
 * as Java's `equalsIgnoreCase` compares characters (so `σ`, `ς` and `Σ` are one letter).
 */
export function foldCase(text: string): string {
  return text.toUpperCase();
}

/** Whether the text has a `*` or `?` wildcard. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** Splits parts into `*`-free pieces; there is always at least one (possibly empty) piece. */
function splitPieces(parts: readonly GlobPart[]): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  let any: number[] = [];
  const flush = (): void => {
    pieces.push(makePiece(text, any));
    text = '';
    any = [];
  };
  for (const part of parts) {
    if (!part.wildcards) {
      text += part.text;
      continue;
    }
    for (const char of part.text) {
      if (char === '*') flush();
      else {
        if (char === '?') any.push(text.length);
        text += char;
      }
    }
  }
  flush();
  return pieces;
}

function makePiece(text: string, anyPositions: readonly number[]): Piece {
  if (anyPositions.length === 0) return { text, any: undefined, anchor: text, anchorOffset: 0 };
  const any = new Uint8Array(text.length);
  for (const position of anyPositions) any[position] = 1;
  // The longest run without `?`: the rarest-looking thing to search for.
  let anchor = '';
  let anchorOffset = 0;
  let runStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || any[i] === 1) {
      if (i - runStart > anchor.length) {
        anchor = text.slice(runStart, i);
        anchorOffset = runStart;
      }
      runStart = i + 1;
    }
  }
  return { text, any, anchor, anchorOffset };
}

/** Whether the piece matches the text at `at` (the caller has checked that it fits). */
function matchesAt(text: string, at: number, piece: Piece): boolean {
  const any = piece.any;
  if (any === undefined) return text.startsWith(piece.text, at);
  const pattern = piece.text;
  for (let i = 0; i < pattern.length; i++) {
    if (any[i] === 0 && text.charCodeAt(at + i) !== pattern.charCodeAt(i)) return false;
  }
  return true;
}

/** The leftmost position `>= from` where the piece matches and ends by `end`, or -1. */
function findFrom(text: string, from: number, end: number, piece: Piece): number {
  const length = piece.text.length;
  if (piece.any === undefined) {
    const found = text.indexOf(piece.text, from);
    return found >= 0 && found + length <= end ? found : -1;
  }
  if (piece.anchor === '') return from + length <= end ? from : -1;
  let searchFrom = from + piece.anchorOffset;
  for (;;) {
    const anchorAt = text.indexOf(piece.anchor, searchFrom);
    if (anchorAt < 0) return -1;
    const start = anchorAt - piece.anchorOffset;
    if (start + length > end) return -1;
    if (matchesAt(text, start, piece)) return start;
    searchFrom = anchorAt + 1;
  }
}
