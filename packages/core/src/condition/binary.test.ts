import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './binary.js';
import { compileCondition } from './compile-condition.js';
import { buildContext } from './context.js';

function holds(values: readonly string[], value: string): boolean {
  const compiled = compileCondition({ operator: 'BinaryEquals', key: 'key', values }, '2012-10-17', 'C');
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value.test(buildContext({ key: value }));
}

// BinaryEquals "compares the value of the specified key byte for byte against a base-64 encoded
// representation of the binary value in the policy":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
describe('BinaryEquals', () => {
  it.each([
    [['QmluYXJ5VmFsdWVJbkJhc2U2NA=='], 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', true],
    [['QmluYXJ5VmFsdWVJbkJhc2U2NA=='], 'QmluYXJ5VmFsdWVJbkJhc2U2NQ==', false],
    [['AAEC', 'QQ=='], 'QQ==', true],
    // Two encodings of the byte 0x41 (the second has stray low bits): equal bytes.
    [['QQ=='], 'QR==', true],
    [['QQ=='], 'not base64!', false],
    [[''], '', true],
  ])('%j with %j is %s', (values, value, expected) => {
    expect(holds(values, value)).toBe(expected);
  });

  it.each([
    ['QUJD', 'ABC'],
    ['QUI=', 'AB'],
    ['QQ==', 'A'],
    ['QQ', undefined],
    ['QU JD', undefined],
    ['QUJD\n', undefined],
    ['-_8=', undefined],
    ['Q===', undefined],
  ])('decodeBase64(%j) is %j', (text, expected) => {
    expect(decodeBase64(text)).toBe(expected);
  });
});
