// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written `${key}` in plain strings
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolicyVersion } from '../policy/types.js';
import { compileCondition, conditionOperatorNames, parseOperator } from './compile-condition.js';
import { buildContext, type RequestContext } from './context.js';

function compile(
  operator: string,
  values: readonly string[],
  key = 'k',
  version: PolicyVersion = '2012-10-17',
) {
  return compileCondition({ operator, key, values }, version, 'Statement.Condition');
}

function holds(
  operator: string,
  values: readonly string[],
  context: Record<string, string | string[]>,
): boolean {
  const compiled = compile(operator, values);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value.test(buildContext(context));
}

describe('parseOperator', () => {
  it.each([
    ['StringEquals', { set: undefined, base: 'StringEquals', ifExists: false }],
    ['StringLikeIfExists', { set: undefined, base: 'StringLike', ifExists: true }],
    ['ForAnyValue:StringLike', { set: 'ForAnyValue', base: 'StringLike', ifExists: false }],
    ['ForAllValues:ArnNotLikeIfExists', { set: 'ForAllValues', base: 'ArnNotLike', ifExists: true }],
    ['forallvalues:stringequals', { set: 'ForAllValues', base: 'StringEquals', ifExists: false }],
    ['Null', { set: undefined, base: 'Null', ifExists: false }],
  ])('reads %s', (operator, expected) => {
    expect(parseOperator(operator)).toEqual(expected);
  });

  it.each(['StringEqual', 'IfExists', 'ForAnyValue:', 'ForSomeValues:StringLike', 'String Equals', ''])(
    'rejects %j',
    (operator) => {
      expect(parseOperator(operator)).toBeUndefined();
    },
  );

  it('knows all 27 base operators', () => {
    expect(conditionOperatorNames).toHaveLength(27);
  });
});

// A key absent from the request context: "the values do not match and the condition is false.
// If the policy condition requires that the key is not matched, such as StringNotLike or
// ArnNotLike, and the right key is not present, the condition is true":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
describe('absent keys', () => {
  const sample: Record<string, string> = {
    String: 'x',
    Numeric: '1',
    Date: '2020-01-01',
    Bool: 'true',
    Binary: 'QQ==',
    Ip: '10.0.0.0/8',
    Arn: 'arn:aws:s3:::b',
  };
  const valueFor = (operator: string): string =>
    Object.entries(sample).find(
      ([prefix]) => operator.startsWith(prefix) || operator.startsWith(`Not${prefix}`),
    )?.[1] ?? (operator === 'NotIpAddress' ? '10.0.0.0/8' : 'x');
  const negated = new Set([
    'StringNotEquals',
    'StringNotEqualsIgnoreCase',
    'StringNotLike',
    'NumericNotEquals',
    'DateNotEquals',
    'NotIpAddress',
    'ArnNotEquals',
    'ArnNotLike',
  ]);
  const operators = conditionOperatorNames.filter((name) => name !== 'Null');

  it.each(operators)('%s: false for a positive operator, true for a negated one', (operator) => {
    const values = [valueFor(operator)];
    expect(holds(operator, values, {})).toBe(negated.has(operator));
    expect(holds(operator, values, { k: [] })).toBe(negated.has(operator));
  });

  // "If the key is not present, evaluate the condition element as true":
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists
  it.each(operators)('%sIfExists: true', (operator) => {
    expect(holds(`${operator}IfExists`, [valueFor(operator)], {})).toBe(true);
  });

  // ForAllValues "also returns true if there are no context keys in the request"; ForAnyValue:
  // "For no matching context key or a null dataset, the condition returns false":
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
  it.each(operators)('ForAllValues:%s is true, ForAnyValue: false (true with IfExists)', (operator) => {
    const values = [valueFor(operator)];
    expect(holds(`ForAllValues:${operator}`, values, {})).toBe(true);
    expect(holds(`ForAllValues:${operator}`, values, { k: [] })).toBe(true);
    expect(holds(`ForAnyValue:${operator}`, values, {})).toBe(false);
    expect(holds(`ForAnyValue:${operator}`, values, { k: [] })).toBe(false);
    expect(holds(`ForAnyValue:${operator}IfExists`, values, {})).toBe(true);
  });

  it('reads keys without regard to case', () => {
    const compiled = compile('StringEquals', ['x'], 'AWS:PrincipalTag/Team');
    expect(compiled.ok && compiled.value.keys).toEqual(['aws:principaltag/team']);
    expect(compiled.ok && compiled.value.test(buildContext({ 'aws:principaltag/TEAM': 'x' }))).toBe(true);
  });
});

// Set operators on multivalued keys, with the tables of the AWS examples:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
describe('set operators', () => {
  it.each([
    // Deny with "ForAllValues:StringNotLike": {"aws:TagKeys": "key1*"}
    ['ForAllValues:StringNotLike', ['key1*'], ['key1:legal'], false],
    ['ForAllValues:StringNotLike', ['key1*'], ['key1:hr', 'key1:personnel'], false],
    ['ForAllValues:StringNotLike', ['key1*'], ['key2:audit'], true],
    ['ForAllValues:StringNotLike', ['key1*'], ['key1:hr', 'key2:audit'], false],
    // Deny with "ForAllValues:StringNotLike": {"aws:TagKeys": ["key1*", "key2*"]}
    ['ForAllValues:StringNotLike', ['key1*', 'key2*'], ['key3:x'], true],
    ['ForAllValues:StringNotLike', ['key1*', 'key2*'], ['key2:audit'], false],
    // Deny with "ForAnyValue:StringEquals": {"aws:TagKeys": "webserver"}
    ['ForAnyValue:StringEquals', ['webserver'], ['webserver'], true],
    ['ForAnyValue:StringEquals', ['webserver'], ['environment', 'webserver', 'test'], true],
    ['ForAnyValue:StringEquals', ['webserver'], ['environment', 'test'], false],
    // ForAllValues:StringEquals: every request value must be one of the policy values.
    ['ForAllValues:StringEquals', ['DataClass', 'Owner'], ['DataClass', 'Owner'], true],
    ['ForAllValues:StringEquals', ['DataClass', 'Owner'], ['DataClass'], true],
    ['ForAllValues:StringEquals', ['DataClass', 'Owner'], ['DataClass', 'Dept'], false],
    // ForAnyValue with a negated operator: at least one value matches none of the policy values.
    ['ForAnyValue:StringNotEquals', ['DataClass', 'Owner'], ['DataClass', 'Owner'], false],
    ['ForAnyValue:StringNotEquals', ['DataClass', 'Owner'], ['DataClass', 'Dept'], true],
    // A single-valued key under a set operator is a set of one.
    ['ForAnyValue:StringEquals', ['a'], ['a'], true],
    ['ForAllValues:StringEquals', ['a'], ['b'], false],
    // IfExists does not change a present key.
    ['ForAnyValue:StringLikeIfExists', ['o-1/*'], ['o-2/r', 'o-1/r'], true],
    ['ForAllValues:StringLikeIfExists', ['o-1/*'], ['o-2/r', 'o-1/r'], false],
    // Other families.
    ['ForAnyValue:IpAddress', ['10.0.0.0/8'], ['192.168.0.1', '10.1.2.3'], true],
    ['ForAllValues:NumericLessThan', ['10'], ['1', '9'], true],
    ['ForAllValues:NumericLessThan', ['10'], ['1', '19'], false],
    [
      'ForAnyValue:ArnLike',
      ['arn:aws:iam::*:role/admin'],
      ['arn:aws:iam::1:role/x', 'arn:aws:iam::1:role/admin'],
      true,
    ],
  ])('%s %j with %j is %s', (operator, values, contextValues, expected) => {
    expect(holds(operator, values, { k: contextValues })).toBe(expected);
  });

  // AWS: "Multivalued context keys require a condition set operator", and does not say what an
  // operator without one does; we take it as no match, positive or negated (see compileCondition).
  it.each([
    ['StringEquals', ['a', 'b']],
    ['StringNotEquals', ['c']],
    ['StringLike', ['*']],
    ['StringNotLike', ['x*']],
    ['StringEqualsIfExists', ['a', 'b']],
    ['StringNotEqualsIfExists', ['c']],
  ])('%s %j does not hold for a key with several values', (operator, values) => {
    expect(holds(operator, values, { k: ['a', 'b'] })).toBe(false);
  });
});

describe('diagnostics', () => {
  it('rejects an unknown operator, suggesting the nearest', () => {
    const result = compile('StringEqual', ['x']);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      {
        code: 'condition.unknown-operator',
        severity: 'error',
        path: 'Statement.Condition',
        message: '`StringEqual` is not a condition operator; did you mean `StringEquals`?',
      },
    ]);
  });

  it('rejects an unknown operator with no near name', () => {
    const result = compile('Contains', ['x']);
    expect(result.diagnostics[0]?.code).toBe('condition.unknown-operator');
    expect(result.diagnostics[0]?.message).toContain('use an IAM condition operator such as `StringEquals`');
  });

  it('rejects IfExists on Null', () => {
    const result = compile('NullIfExists', ['true']);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['condition.unknown-operator', 'Statement.Condition'],
    ]);
  });

  it('warns about a set operator on Null and ignores it', () => {
    const result = compile('ForAnyValue:Null', ['true']);
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['condition.ignored-set-operator', 'warning'],
    ]);
    expect(result.ok && result.value.test(buildContext({}))).toBe(true);
  });

  it.each([
    ['NumericEquals', ['10', 'ten'], 'Statement.Condition.k[1]', '`ten` is not a number'],
    [
      'NumericLessThan',
      ['${aws:x}'],
      'Statement.Condition.k',
      'policy variables cannot be used with `NumericLessThan`',
    ],
    ['DateLessThan', ['tomorrow'], 'Statement.Condition.k', '`tomorrow` is not a date'],
    ['IpAddress', ['203.0.113.0/33'], 'Statement.Condition.k', 'is not an IP address or CIDR range'],
    ['NotIpAddressIfExists', ['x'], 'Statement.Condition.k', 'is not an IP address or CIDR range'],
    ['BinaryEquals', ['%%%'], 'Statement.Condition.k', 'is not base64'],
    ['Bool', ['yes'], 'Statement.Condition.k', '`yes` is not a boolean'],
    ['Null', ['maybe'], 'Statement.Condition.k', '`maybe` is not a boolean'],
  ])('%s %j is an invalid value at %s', (operator, values, path, message) => {
    const result = compile(operator, values);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'condition.invalid-value', severity: 'error', path });
    expect(result.diagnostics[0]?.message).toContain(message);
  });

  it('quotes the key in the path when it is not an identifier', () => {
    const result = compile('NumericEquals', ['x'], 's3:max-keys');
    expect(result.diagnostics[0]?.path).toBe('Statement.Condition["s3:max-keys"]');
  });

  it('warns about a ${...} that is not a variable, and never matches that value', () => {
    const result = compile('StringEquals', ['${}', 'b']);
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
      ['condition.invalid-variable', 'warning', 'Statement.Condition.k[0]'],
    ]);
    expect(result.ok && result.value.test(buildContext({ k: '${}' }))).toBe(false);
    expect(result.ok && result.value.test(buildContext({ k: 'b' }))).toBe(true);
  });

  it('accepts variables as literal text in version 2008-10-17 without warnings', () => {
    const result = compile('StringEquals', ['${}'], 'k', '2008-10-17');
    expect(result.diagnostics).toEqual([]);
    expect(result.ok && result.value.test(buildContext({ k: '${}' }))).toBe(true);
  });

  it('keeps the wire spelling of the operator and key', () => {
    const result = compile('ForAnyValue:StringLikeIfExists', ['x'], 'AWS:TagKeys');
    expect(result.ok && [result.value.operator, result.value.key]).toEqual([
      'ForAnyValue:StringLikeIfExists',
      'AWS:TagKeys',
    ]);
  });
});

/** Random operators with values and single context values drawn from small pools, so they often match. */
const pairs = [
  ['StringEquals', 'StringNotEquals', fc.constantFrom('a', 'b', 'A', '')],
  ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', fc.constantFrom('a', 'b', 'A', '')],
  ['StringLike', 'StringNotLike', fc.constantFrom('a', 'b*', '*', '?', 'ba', 'b')],
  ['NumericEquals', 'NumericNotEquals', fc.constantFrom('1', '2', '1.0', 'x')],
  ['DateEquals', 'DateNotEquals', fc.constantFrom('2020-01-01', '1577836800', '2021-01-01', 'x')],
  ['IpAddress', 'NotIpAddress', fc.constantFrom('10.0.0.0/8', '10.1.2.3', '192.168.0.1', '::1', 'x')],
  ['ArnLike', 'ArnNotLike', fc.constantFrom('arn:aws:s3:::a', 'arn:aws:s3:::*', 'arn:aws:sqs:*:*:*', '*')],
  [
    'ArnEquals',
    'ArnNotEquals',
    fc.constantFrom('arn:aws:s3:::a', 'arn:aws:s3:::*', 'arn:aws:sqs:*:*:*', '*'),
  ],
] as const;

/** Context values that are valid for the matching operator family too (invalid ones are filtered). */
function compiles(operator: string, values: readonly string[]): boolean {
  return compile(operator, values).ok;
}

describe('properties', () => {
  it.each(pairs)('%s and %s are complements when the key has one value', (positive, negative, pool) => {
    fc.assert(
      fc.property(fc.array(pool, { maxLength: 3 }), pool, (values, value) => {
        fc.pre(compiles(positive, values));
        const context = { k: value };
        expect(holds(negative, values, context)).toBe(!holds(positive, values, context));
      }),
    );
  });

  const operatorNames = [...pairs.map((pair) => pair[0]), ...pairs.map((pair) => pair[1])];
  it('IfExists is the base operator when the key is present, with or without a set operator', () => {
    const pool = fc.constantFrom('a', 'b*', '10.0.0.0/8', '1', 'arn:aws:s3:::a', '2020-01-01', '*');
    fc.assert(
      fc.property(
        fc.constantFrom(...operatorNames),
        fc.constantFrom('', 'ForAllValues:', 'ForAnyValue:'),
        fc.array(pool, { maxLength: 3 }),
        fc.array(pool, { minLength: 1, maxLength: 3 }),
        (operator, set, values, contextValues) => {
          fc.pre(compiles(operator, values));
          const context = { k: contextValues };
          expect(holds(`${set}${operator}IfExists`, values, context)).toBe(
            holds(`${set}${operator}`, values, context),
          );
        },
      ),
    );
  });

  it('ForAnyValue: and ForAllValues: are the base operator for a single context value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...operatorNames),
        fc.array(fc.constantFrom('a', 'b*', '10.0.0.0/8', '1', 'arn:aws:s3:::a', '*'), { maxLength: 3 }),
        fc.constantFrom('a', 'b', 'bb', '10.2.3.4', '1', 'arn:aws:s3:::a'),
        (operator, values, value) => {
          fc.pre(compiles(operator, values));
          const base = holds(operator, values, { k: value });
          expect(holds(`ForAnyValue:${operator}`, values, { k: [value] })).toBe(base);
          expect(holds(`ForAllValues:${operator}`, values, { k: [value] })).toBe(base);
        },
      ),
    );
  });

  it('a test never depends on keys it does not list', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (noiseKey, noiseValue) => {
        const compiled = compile('StringLike', ['home/${aws:username}/*']);
        if (!compiled.ok) throw new Error('expected ok');
        fc.pre(!compiled.value.keys.includes(noiseKey.toLowerCase()));
        const context = { k: 'home/david/x', 'aws:username': 'david' };
        const withNoise: RequestContext = new Map([
          ...buildContext(context),
          [noiseKey.toLowerCase(), [noiseValue]],
        ]);
        expect(compiled.value.test(withNoise)).toBe(compiled.value.test(buildContext(context)));
      }),
    );
  });

  // The evaluator decides a condition from `whenAbsent`, `matches` and `negated` without calling
  // `testValues` (statement-hits.ts): the parts must agree with the whole for every form.
  it('whenAbsent, matches and negated agree with testValues', () => {
    const pool = fc.constantFrom('a', 'b*', '10.0.0.0/8', '1', 'arn:aws:s3:::a', '2020-01-01', '*', 'true');
    fc.assert(
      fc.property(
        fc.constantFrom(...operatorNames, 'Bool', 'Null'),
        fc.constantFrom('', 'ForAllValues:', 'ForAnyValue:'),
        fc.boolean(),
        fc.array(pool, { maxLength: 3 }),
        fc.array(pool, { maxLength: 3 }),
        (operator, set, ifExists, values, contextValues) => {
          const name = operator === 'Null' ? 'Null' : `${set}${operator}${ifExists ? 'IfExists' : ''}`;
          const compiled = compile(name, values);
          fc.pre(compiled.ok);
          if (!compiled.ok) return;
          const condition = compiled.value;
          const context = buildContext({ k: contextValues });
          expect(condition.whenAbsent).toBe(condition.testValues(undefined, context));
          expect(condition.whenAbsent).toBe(condition.testValues([], context));
          expect(condition.matches === undefined).toBe(set !== '' || operator === 'Null');
          if (condition.matches === undefined || contextValues.length === 0) return;
          const inlined =
            contextValues.length === 1 &&
            condition.matches(contextValues[0] as string, context) !== condition.negated;
          expect(inlined).toBe(condition.testValues(contextValues, context));
        },
      ),
    );
  });
});
