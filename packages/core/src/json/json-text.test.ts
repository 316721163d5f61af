import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAndColumn, locateJsonSyntaxError, parseJsonText } from './json-text.js';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('locateJsonSyntaxError', () => {
  it.each([
    ['{"a":}', 1, 6, 'expected a value, found `}`'],
    ['{"a":1', 1, 7, 'expected `,` or `}`, found the end of the file'],
    ['{\n  "a": 1,\n  "b": x\n}', 3, 8, 'expected a value, found `x`'],
    ['{\r\n"a" 1}', 2, 5, 'expected `:` after a property name, found `1`'],
    ['[1,2', 1, 5, 'expected `,` or `]`, found the end of the file'],
    ['[1,]', 1, 4, 'expected a value, found `]`'],
    ['{"a":1,}', 1, 8, 'expected a property name in double quotes, found `}`'],
    ["{'a':1}", 1, 2, "expected a property name in double quotes, found `'`"],
    ['{"a":1}x', 1, 8, 'unexpected `x` after the end of the JSON value'],
    ['{"a":"\\u12"}', 1, 7, 'invalid `\\u` escape: it needs four hex digits'],
    ['{"a":"\\x"}', 1, 7, 'invalid escape `\\x` in a string'],
    ['{"a":"line\nbreak"}', 1, 11, 'control character in a string: escape it (`\\n`, `\\t`, ...)'],
    ['{"a":"open', 1, 6, 'string is not closed'],
    ['{"a":-}', 1, 6, 'invalid number'],
    ['{"a":tru}', 1, 6, 'expected a value, found `t`'],
    ['', 1, 1, 'expected a value, found the end of the file'],
  ])('%j fails at line %i, column %i', (text, line, column, problem) => {
    expect(locateJsonSyntaxError(text)).toMatchObject({ line, column, problem });
  });

  it.each(['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "\\u00e9\\n"]} ', '"x"', '0'])(
    'accepts %j',
    (text) => {
      expect(locateJsonSyntaxError(text)).toBeUndefined();
    },
  );

  it('handles nesting deeper than the call stack', () => {
    const depth = 200_000;
    expect(locateJsonSyntaxError('['.repeat(depth) + ']'.repeat(depth))).toBeUndefined();
    expect(locateJsonSyntaxError(`${'['.repeat(depth)}}`)).toMatchObject({ offset: depth });
  });

  it('agrees with JSON.parse on valid JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(locateJsonSyntaxError(text)).toBeUndefined();
      }),
    );
  });

  it('agrees with JSON.parse on damaged JSON', () => {
    const damaged = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.nat(3),
        fc.constantFrom('', ',', '}', ']', '"', ':', '\\', 'x', '0', ' ', '\n'),
      )
      .map(([text, at, cut, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + cut);
      });
    fc.assert(
      fc.property(damaged, (text) => {
        expect(locateJsonSyntaxError(text) === undefined).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('lineAndColumn', () => {
  it('counts lines from 1 and a CRLF pair as one line end', () => {
    expect(lineAndColumn('ab\r\ncd\nef', 8)).toEqual({ line: 3, column: 2 });
    expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('parseJsonText', () => {
  it('parses JSON and skips a byte order mark', () => {
    expect(parseJsonText('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 }, diagnostics: [] });
  });

  it.each(['', '   \n\t'])('reports input.empty for %j', (text) => {
    const result = parseJsonText(text);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toMatchObject([{ code: 'input.empty', severity: 'error', path: '' }]);
  });

  it('reports input.invalid-json with the line and column', () => {
    const result = parseJsonText('{\n  "RoleDetailList": [\n    {"RoleName": "a",}\n  ]\n}');
    expect(result.diagnostics).toMatchObject([{ code: 'input.invalid-json', severity: 'error', path: '' }]);
    expect(result.diagnostics[0]?.message).toBe(
      'invalid JSON at line 3, column 22: expected a property name in double quotes, found `}`; fix the file or export it again',
    );
  });
});
