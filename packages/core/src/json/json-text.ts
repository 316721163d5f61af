/**
 * JSON text to value, with a line and column for every syntax error. `JSON.parse` does the work;
 * only when it fails does a small scanner walk the text again to find where, because V8's
 * messages give a position for some errors and none for others (`Unexpected token '}', ... is not
 * valid JSON`).
 */
import { error, fail, ok, type Result } from '../diagnostics/diagnostic.js';

/** Where a JSON text stops being valid, and why. `line` and `column` count from 1. */
export interface JsonSyntaxError {
  /** Offset in UTF-16 code units from the start of the text. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** One lowercase phrase, such as "expected `,` or `}`, found `]`". */
  readonly problem: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * The first syntax error of a JSON text (RFC 8259), or `undefined` when the text is valid JSON.
 * Linear in the text and iterative, so deep nesting cannot overflow the stack.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8259
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const containers: ('object' | 'array')[] = [];
  let state: 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'after-value' = 'value';
  let i = 0;
  const at = (offset: number, problem: string): JsonSyntaxError => ({
    offset,
    ...lineAndColumn(text, offset),
    problem,
  });

  for (;;) {
    i = skipWhitespace(text, i);
    const c = text[i];
    switch (state) {
      case 'value-or-end':
        if (c === ']') {
          containers.pop();
          i++;
          state = 'after-value';
        } else state = 'value';
        break;
      case 'key-or-end':
        if (c === '}') {
          containers.pop();
          i++;
          state = 'after-value';
        } else state = 'key';
        break;
      case 'key': {
        if (c !== '"') return at(i, `expected a property name in double quotes, found ${describe(c)}`);
        const end = scanString(text, i);
        if (typeof end !== 'number') return at(end.offset, end.problem);
        i = skipWhitespace(text, end);
        if (text[i] !== ':') return at(i, `expected \`:\` after a property name, found ${describe(text[i])}`);
        i++;
        state = 'value';
        break;
      }
      case 'value': {
        if (c === '{' || c === '[') {
          containers.push(c === '{' ? 'object' : 'array');
          i++;
          state = c === '{' ? 'key-or-end' : 'value-or-end';
          break;
        }
        if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return at(end.offset, end.problem);
          i = end;
        } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
          NUMBER.lastIndex = i;
          if (!NUMBER.test(text)) return at(i, 'invalid number');
          i = NUMBER.lastIndex;
        } else {
          const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
          if (literal === undefined) return at(i, `expected a value, found ${describe(c)}`);
          i += literal.length;
        }
        state = 'after-value';
        break;
      }
      case 'after-value': {
        const container = containers[containers.length - 1];
        if (container === undefined) {
          return c === undefined
            ? undefined
            : at(i, `unexpected ${describe(c)} after the end of the JSON value`);
        }
        const close = container === 'object' ? '}' : ']';
        if (c === ',') {
          i++;
          state = container === 'object' ? 'key' : 'value';
        } else if (c === close) {
          containers.pop();
          i++;
        } else return at(i, `expected \`,\` or \`${close}\`, found ${describe(c)}`);
        break;
      }
    }
  }
}

/** Offset just past the closing quote of the string that starts at `start`, or the error. */
function scanString(text: string, start: number): number | { offset: number; problem: string } {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20)
      return { offset: i, problem: 'control character in a string: escape it (`\\n`, `\\t`, ...)' };
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        HEX4.lastIndex = i + 2;
        if (!HEX4.test(text)) return { offset: i, problem: 'invalid `\\u` escape: it needs four hex digits' };
        i += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i++;
      else return { offset: i, problem: `invalid escape ${describe(`\\${next ?? ''}`)} in a string` };
    }
  }
  return { offset: start, problem: 'string is not closed' };
}

function skipWhitespace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

function describe(c: string | undefined): string {
  if (c === undefined) return 'the end of the file';
  return /^[\x20-\x7e]+$/.test(c) && !c.includes('`') ? `\`${c}\`` : JSON.stringify(c);
}

/** Line and column (from 1) of an offset. A `\r\n` pair ends one line. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses a JSON file's text. A UTF-8 byte order mark is skipped. Empty text is
 * `input.empty`; a syntax error is `input.invalid-json` with its line and column.
 */
export function parseJsonText(text: string): Result<unknown> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return fail([error('input.empty', '', 'the file is empty; export the data again, or remove the file')]);
  }
  try {
    return ok(JSON.parse(body) as unknown);
  } catch (cause) {
    const found = locateJsonSyntaxError(body);
    const where = found
      ? `at line ${found.line}, column ${found.column}: ${found.problem}`
      : `: ${(cause as Error).message}`;
    return fail([error('input.invalid-json', '', `invalid JSON ${where}; fix the file or export it again`)]);
  }
}
