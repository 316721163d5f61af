import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, compileGlobParts, compileGlobRange } from './glob.js';

/** A slow but obviously correct reference matcher (dynamic programming over both strings). */
function referenceMatch(pattern: string, text: string): boolean {
  let row = new Array<boolean>(text.length + 1).fill(false);
  row[0] = true;
  for (const p of pattern) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    if (p === '*') {
      next[0] = row[0] as boolean;
      for (let j = 1; j <= text.length; j++) next[j] = (row[j] as boolean) || (next[j - 1] as boolean);
    } else {
      for (let j = 1; j <= text.length; j++) {
        next[j] = (row[j - 1] as boolean) && (p === '?' || p === text[j - 1]);
      }
    }
    row = next;
  }
  return row[text.length] as boolean;
}

// Wildcard rules of StringLike / ArnLike / Action and Resource matching:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
describe('compileGlob', () => {
  it.each([
    ['', '', true],
    ['', 'a', false],
    ['*', '', true],
    ['*', 'anything at all', true],
    ['**', 'x', true],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['abc', 'ABC', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a?c', 'abbc', false],
    ['???', 'abc', true],
    ['???', 'ab', false],
    ['home/*', 'home/', true],
    ['home/*', 'home/david/photos', true],
    ['home/*', 'home', false],
    ['*.txt', 'notes.txt', true],
    ['*.txt', 'notes.txt.bak', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['*ab*ab*', 'abab', true],
    ['*ab*ab*', 'aba', false],
    ['t1.*', 't1.micro', true],
    ['t1.*', 't2.micro', false],
    ['*?b', 'b', false],
    ['*?b', 'ab', true],
    ['a?*?c', 'abc', false],
    ['a?*?c', 'abxc', true],
    ['*x?z*', 'xxxyz', true],
    ['*x?z*', 'xyyz', false],
  ])('%j against %j is %s', (pattern, text, expected) => {
    expect(compileGlob(pattern)(text)).toBe(expected);
    expect(referenceMatch(pattern, text)).toBe(expected);
  });

  it('ignores case when asked to', () => {
    expect(compileGlob('S3:Get*', true)('s3:getobject')).toBe(true);
    expect(compileGlob('S3:Get*')('s3:getobject')).toBe(false);
  });

  it('agrees with a reference matcher on random patterns and texts', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '?');
    const letters = fc.constantFrom('a', 'b');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 8 }).map((cs) => cs.join('')),
        fc.array(letters, { maxLength: 12 }).map((cs) => cs.join('')),
        (pattern, text) => {
          expect(compileGlob(pattern)(text)).toBe(referenceMatch(pattern, text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  // A backtracking matcher takes time exponential in the number of stars on these inputs: at
  // 100,000 characters and 11 or more stars it would not finish within vitest's timeout. These
  // assert only the result; finishing at all is the point.
  it.each([
    ['*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(100_000), false],
    ['*a*a*a*a*a*a*a*a*a*a*a*a', 'a'.repeat(100_000), true],
    ['a*a*a*a*a*a*a*a*a*a*a*a*ab*a', 'a'.repeat(100_000), false],
    ['*a?a*a?a*a?a*a?a*a?a*a?a*b?', `${'a'.repeat(100_000)}bb`, true],
    ['*a?a*a?a*a?a*a?a*a?a*a?a*c?', 'a'.repeat(100_000), false],
    ['*??????????*??????????*b', 'a'.repeat(100_000), false],
    [`${'*a'.repeat(2_000)}*b`, 'a'.repeat(100_000), false],
  ])('stays linear on pathological pattern %#', (pattern, text, expected) => {
    expect(compileGlob(pattern)(text)).toBe(expected);
  });
});

describe('compileGlobParts', () => {
  it('matches literal parts literally', () => {
    const test = compileGlobParts([
      { text: 'home/', wildcards: true },
      { text: 'a*b?', wildcards: false },
      { text: '/*', wildcards: true },
    ]);
    expect(test('home/a*b?/x')).toBe(true);
    expect(test('home/aXXb!/x')).toBe(false);
  });
});

describe('compileGlobRange', () => {
  it('matches a range without slicing', () => {
    const test = compileGlobRange([{ text: 'us-*', wildcards: true }]);
    const text = 'arn:aws:ec2:us-east-1:123456789012:instance/i-1';
    expect(test(text, 12, 21)).toBe(true);
    expect(test(text, 8, 11)).toBe(false);
  });
});
