// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written `${key}` in plain strings
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition } from './compile-condition.js';
import { buildContext } from './context.js';

function holds(
  operator: string,
  values: readonly string[],
  context: Record<string, string | string[]>,
): boolean {
  const compiled = compileCondition({ operator, key: 'k', values }, '2012-10-17', 'Condition');
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value.test(buildContext(context));
}

// String condition operators, case rules and wildcards:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
// Several values are OR'ed, negated operators are NOR'ed:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
describe('string operators', () => {
  it.each([
    ['StringEquals', ['johndoe'], 'johndoe', true],
    ['StringEquals', ['johndoe'], 'JohnDoe', false],
    ['StringEquals', ['a', 'b'], 'b', true],
    ['StringEquals', ['a', 'b'], 'c', false],
    ['StringEquals', ['home/*'], 'home/x', false],
    ['StringEquals', ['home/*'], 'home/*', true],
    ['StringEquals', [''], '', true],
    ['StringEquals', [], 'a', false],
    ['StringNotEquals', ['johndoe'], 'JohnDoe', true],
    ['StringNotEquals', ['johndoe'], 'johndoe', false],
    ['StringNotEquals', ['a', 'b'], 'b', false],
    ['StringNotEquals', ['a', 'b'], 'c', true],
    ['StringNotEquals', [], 'a', true],
    ['StringEqualsIgnoreCase', ['johndoe'], 'JohnDoe', true],
    ['StringEqualsIgnoreCase', ['JOHNDOE'], 'johndoe', true],
    ['StringEqualsIgnoreCase', ['ΟΔΟΣ'], 'οδος', true],
    ['StringEqualsIgnoreCase', ['john*'], 'johndoe', false],
    ['StringNotEqualsIgnoreCase', ['johndoe'], 'JohnDoe', false],
    ['StringNotEqualsIgnoreCase', ['johndoe'], 'janedoe', true],
    ['StringLike', ['t1.*', 't2.*', 'm3.*'], 't2.micro', true],
    ['StringLike', ['t1.*', 't2.*', 'm3.*'], 'c5.large', false],
    ['StringLike', ['home/*'], 'HOME/x', false],
    ['StringLike', ['i-?????'], 'i-12345', true],
    ['StringLike', ['i-?????'], 'i-1234', false],
    ['StringLike', ['', 'home/'], '', true],
    ['StringLike', ['exact'], 'exact', true],
    ['StringLike', ['*'], '', true],
    ['StringNotLike', ['key1*'], 'key1:legal', false],
    ['StringNotLike', ['key1*'], 'key2:audit', true],
    ['StringNotLike', ['a*', 'b*'], 'bx', false],
    ['StringNotLike', ['a*', 'b*'], 'cx', true],
  ])('%s %j with %j is %s', (operator, values, value, expected) => {
    expect(holds(operator, values, { k: value })).toBe(expected);
  });

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
  it.each([
    ['StringEquals', ['${aws:username}'], { k: 'david', 'aws:username': 'david' }, true],
    ['StringEquals', ['${aws:username}'], { k: 'adele', 'aws:username': 'david' }, false],
    ['StringEquals', ['${aws:username}'], { k: '${aws:username}' }, false],
    ['StringEquals', ["${aws:userid, 'anonymous'}"], { k: 'anonymous' }, true],
    ['StringEquals', ['a${*}'], { k: 'a*' }, true],
    ['StringEqualsIgnoreCase', ['${aws:username}'], { k: 'DAVID', 'aws:username': 'david' }, true],
    ['StringLike', ['home/${aws:username}/*'], { k: 'home/david/x', 'aws:username': 'david' }, true],
    ['StringLike', ['home/${aws:username}/*'], { k: 'home/adele/x', 'aws:username': 'david' }, false],
    ['StringLike', ['home/${aws:username}/*'], { k: 'home/d/x', 'aws:username': '?' }, false],
    ['StringLike', ['home/${aws:username}/*'], { k: 'home/*/x', 'aws:username': '*' }, true],
    ['StringLike', ['home/${aws:username}/*'], { k: 'home/david/x' }, false],
    ['StringLike', ['${*}*'], { k: '*abc' }, true],
    ['StringLike', ['${*}*'], { k: 'abc' }, false],
    ['StringLike', ['${?}'], { k: '?' }, true],
    ['StringLike', ['${?}'], { k: 'x' }, false],
    // A variable without a value: StringLike does not match, StringNotLike does.
    ['StringNotLike', ['home/${aws:username}/*'], { k: 'home/david/x' }, true],
    ['StringNotEquals', ['${aws:username}'], { k: 'david' }, true],
    ['StringNotEquals', ['${aws:username}', 'david'], { k: 'david' }, false],
  ])('%s %j with %j is %s', (operator, values, context, expected) => {
    expect(holds(operator, values, context)).toBe(expected);
  });

  it('treats ${...} as literal text in version 2008-10-17', () => {
    const compiled = compileCondition(
      { operator: 'StringEquals', key: 'k', values: ['${aws:username}'] },
      '2008-10-17',
      'Condition',
    );
    if (!compiled.ok) throw new Error('expected ok');
    expect(compiled.value.keys).toEqual(['k']);
    expect(compiled.value.test(buildContext({ k: '${aws:username}', 'aws:username': 'x' }))).toBe(true);
    expect(compiled.value.test(buildContext({ k: 'x', 'aws:username': 'x' }))).toBe(false);
  });

  it('lists the keys its variables read', () => {
    const compiled = compileCondition(
      {
        operator: 'StringLike',
        key: 's3:Prefix',
        values: ['home/${aws:username}/*', '${aws:PrincipalTag/team}'],
      },
      '2012-10-17',
      'Condition',
    );
    expect(compiled.ok && compiled.value.keys).toEqual([
      's3:prefix',
      'aws:username',
      'aws:principaltag/team',
    ]);
  });

  it('StringEqualsIgnoreCase is invariant under case changes of either side', () => {
    fc.assert(
      // A policy value with `${` is a template: `${}` is no policy variable and matches nothing.
      fc.property(
        fc.string().filter((s) => !s.includes('${')),
        fc.string(),
        fc.boolean(),
        (policy, value, upper) => {
          const change = (s: string): string => (upper ? s.toUpperCase() : s.toLowerCase());
          const base = holds('StringEqualsIgnoreCase', [policy], { k: value });
          expect(holds('StringEqualsIgnoreCase', [change(policy)], { k: value })).toBe(base);
          expect(holds('StringEqualsIgnoreCase', [policy], { k: change(value) })).toBe(base);
          expect(holds('StringEqualsIgnoreCase', [policy], { k: change(policy) })).toBe(true);
        },
      ),
    );
  });

  it('StringLike without wildcards is StringEquals', () => {
    const noWildcards = fc.string().filter((s) => !s.includes('*') && !s.includes('?') && !s.includes('${'));
    fc.assert(
      fc.property(fc.array(noWildcards, { maxLength: 3 }), fc.string(), (values, value) => {
        expect(holds('StringLike', values, { k: value })).toBe(holds('StringEquals', values, { k: value }));
      }),
    );
  });
});
