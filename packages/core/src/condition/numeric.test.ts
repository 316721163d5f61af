import { describe, expect, it } from 'vitest';
import { compileCondition } from './compile-condition.js';
import { buildContext } from './context.js';
import { parseNumber } from './numeric.js';

function holds(operator: string, values: readonly string[], value: string): boolean {
  const compiled = compileCondition({ operator, key: 's3:max-keys', values }, '2012-10-17', 'Condition');
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value.test(buildContext({ 's3:max-keys': value }));
}

// Numeric condition operators ("comparing a key to an integer or decimal value"):
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
describe('numeric operators', () => {
  it.each([
    ['NumericEquals', ['10'], '10', true],
    ['NumericEquals', ['10'], '10.0', true],
    ['NumericEquals', ['10'], '010', true],
    ['NumericEquals', ['10'], '11', false],
    ['NumericEquals', ['1', '2'], '2', true],
    ['NumericEquals', ['10'], 'ten', false],
    ['NumericNotEquals', ['10'], '11', true],
    ['NumericNotEquals', ['10'], '10', false],
    ['NumericNotEquals', ['1', '2'], '2', false],
    ['NumericNotEquals', ['10'], 'ten', true],
    ['NumericLessThan', ['10'], '9', true],
    ['NumericLessThan', ['10'], '10', false],
    ['NumericLessThan', ['5', '10'], '7', true],
    ['NumericLessThanEquals', ['10'], '10', true],
    ['NumericLessThanEquals', ['10'], '10.5', false],
    ['NumericLessThanEquals', ['10'], '-3', true],
    ['NumericGreaterThan', ['10'], '10', false],
    ['NumericGreaterThan', ['10'], '10.01', true],
    ['NumericGreaterThan', ['5', '10'], '7', true],
    ['NumericGreaterThanEquals', ['2.5'], '2.5', true],
    ['NumericGreaterThanEquals', ['2.5'], '2.49', false],
    ['NumericGreaterThanEquals', ['1e3'], '1000', true],
  ])('%s %j with %j is %s', (operator, values, value, expected) => {
    expect(holds(operator, values, value)).toBe(expected);
  });

  it.each([
    ['10', 10],
    ['-2.5', -2.5],
    ['+3', 3],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['ten', undefined],
    ['', undefined],
    ['1,000', undefined],
    [' 1', undefined],
    ['0x10', undefined],
    ['Infinity', undefined],
    ['NaN', undefined],
  ])('parseNumber(%j) is %s', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });
});
