/**
 * Numeric condition operators: `NumericEquals`, `NumericNotEquals`, `NumericLessThan`,
 * `NumericLessThanEquals`, `NumericGreaterThan`, `NumericGreaterThanEquals`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
 */
import {
  type CompiledValues,
  type CompileInput,
  type OperatorDefinition,
  reportInvalidValue,
} from './operator.js';

/** An integer or decimal, optionally signed, optionally with an exponent: `10`, `-2.5`, `.5`, `1e3`. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a number as the numeric operators read it, or returns undefined.
 *
 * Why doubles: values are compared as JavaScript numbers, exact for integers up to 2^53 and for
 * the decimals a policy writes in practice.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
 */
export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

/** How a context number compares with one policy number: equal, less than, less or equal... */
export type Comparison = 'eq' | 'lt' | 'le' | 'gt' | 'ge';

/**
 * The numeric operators. Policy variables cannot be used with them. A context value that is not
 * a number matches no policy value.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
 */
export const numericOperators: readonly OperatorDefinition[] = [
  { name: 'NumericEquals', negated: false, compile: (input) => compileNumeric(input, 'eq') },
  { name: 'NumericNotEquals', negated: true, compile: (input) => compileNumeric(input, 'eq') },
  { name: 'NumericLessThan', negated: false, compile: (input) => compileNumeric(input, 'lt') },
  { name: 'NumericLessThanEquals', negated: false, compile: (input) => compileNumeric(input, 'le') },
  { name: 'NumericGreaterThan', negated: false, compile: (input) => compileNumeric(input, 'gt') },
  { name: 'NumericGreaterThanEquals', negated: false, compile: (input) => compileNumeric(input, 'ge') },
];

function compileNumeric(input: CompileInput, compare: Comparison): CompiledValues {
  const numbers: number[] = [];
  input.values.forEach((value, index) => {
    const number = parseNumber(value);
    if (number === undefined) {
      reportInvalidValue(
        input,
        index,
        `\`${value}\` is not a number; \`${input.operator}\` compares integers or decimals such as \`10\` or \`2.5\``,
      );
    } else numbers.push(number);
  });
  return { keys: [], test: compareWith(numbers, compare, parseNumber) };
}

/**
 * A test of one context value against ordered policy values, shared with the date operators.
 * The values are OR'ed, so "less than any" is "less than the largest": one comparison per request.
 */
export function compareWith(
  policy: readonly number[],
  compare: Comparison,
  parseText: (text: string) => number | undefined,
): (value: string) => boolean {
  if (policy.length === 0) return () => false;
  // The same context value (`aws:CurrentTime` of a whole analysis run) is read again and again:
  // remember the last one parsed.
  let lastText: string | undefined;
  let lastValue: number | undefined;
  const parse = (text: string): number | undefined => {
    if (text !== lastText) {
      lastText = text;
      lastValue = parseText(text);
    }
    return lastValue;
  };
  const max = Math.max(...policy);
  const min = Math.min(...policy);
  const set = new Set(policy);
  switch (compare) {
    case 'eq':
      return (value) => {
        const n = parse(value);
        return n !== undefined && set.has(n);
      };
    case 'lt':
      return (value) => {
        const n = parse(value);
        return n !== undefined && n < max;
      };
    case 'le':
      return (value) => {
        const n = parse(value);
        return n !== undefined && n <= max;
      };
    case 'gt':
      return (value) => {
        const n = parse(value);
        return n !== undefined && n > min;
      };
    case 'ge':
      return (value) => {
        const n = parse(value);
        return n !== undefined && n >= min;
      };
  }
}
