import { describe, expect, it } from 'vitest';
import { compileCondition } from './compile-condition.js';
import { buildContext } from './context.js';

function holds(values: readonly string[], context: Record<string, string | string[]>): boolean {
  const compiled = compileCondition(
    { operator: 'Null', key: 'aws:TokenIssueTime', values },
    '2012-10-17',
    'C',
  );
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value.test(buildContext(context));
}

// "use either true (the key doesn't exist — it is null) or false (the key exists and its value
// is not null)":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
describe('Null', () => {
  it.each([
    [['true'], {}, true],
    [['true'], { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' }, false],
    [['false'], {}, false],
    [['false'], { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' }, true],
    [['false'], { 'AWS:TOKENISSUETIME': '' }, true],
    [['true'], { 'aws:TokenIssueTime': [] }, true],
    [['false'], { 'aws:TokenIssueTime': [] }, false],
    [['TRUE'], {}, true],
    [['true', 'false'], {}, true],
    [['true', 'false'], { 'aws:TokenIssueTime': 'x' }, true],
  ])('%j with %j is %s', (values, context, expected) => {
    expect(holds(values, context)).toBe(expected);
  });
});
