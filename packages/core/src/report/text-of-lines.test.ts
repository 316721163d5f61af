import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textOfLines } from './text-of-lines.js';

describe('textOfLines', () => {
  it('gives the lines joined by newlines, trailing white space cut to one newline, in pieces', () => {
    const line = fc.oneof(fc.constantFrom('', ' ', '\t', 'a ', '| x |'), fc.string());
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        expect([...textOfLines(lines)].join('')).toBe(`${lines.join('\n').trimEnd()}\n`);
      }),
    );
  });

  it('gives each line once the next one shows it does not end the text, not after the last', () => {
    function* lines() {
      yield '# a';
      yield 'b';
      throw new Error('read past the second line');
    }
    expect(textOfLines(lines()).next().value).toBe('# a\n');
  });
});
