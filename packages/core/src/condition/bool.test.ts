// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written `${key}` in plain strings
import { describe, expect, it } from 'vitest';
import { compileCondition } from './compile-condition.js';
import { buildContext } from './context.js';

function holds(values: readonly string[], context: Record<string, string | string[]>): boolean {
  const compiled = compileCondition(
    { operator: 'Bool', key: 'aws:SecureTransport', values },
    '2012-10-17',
    'C',
  );
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value.test(buildContext(context));
}

// Boolean condition operators ("comparing a key to true or false"):
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean
describe('Bool', () => {
  it.each([
    [['false'], 'false', true],
    [['false'], 'true', false],
    [['true'], 'true', true],
    [['true'], 'TRUE', true],
    [['True'], 'true', true],
    [['true', 'false'], 'false', true],
    [['true'], 'yes', false],
    [['true'], '1', false],
    [['false'], '', false],
  ])('%j with %j is %s', (values, value, expected) => {
    expect(holds(values, { 'aws:SecureTransport': value })).toBe(expected);
  });

  it('takes a policy variable that expands to true or false', () => {
    const values = ['${aws:PrincipalTag/secure}'];
    expect(holds(values, { 'aws:SecureTransport': 'true', 'aws:PrincipalTag/secure': 'true' })).toBe(true);
    expect(holds(values, { 'aws:SecureTransport': 'true', 'aws:PrincipalTag/secure': 'false' })).toBe(false);
    expect(holds(values, { 'aws:SecureTransport': 'true', 'aws:PrincipalTag/secure': 'maybe' })).toBe(false);
    expect(holds(values, { 'aws:SecureTransport': 'true' })).toBe(false);
  });
});
