// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written `${key}` in plain strings
import { describe, expect, it } from 'vitest';
import { compileArnPattern } from './arn.js';
import { compileCondition } from './compile-condition.js';
import { buildContext } from './context.js';

function holds(
  operator: string,
  values: readonly string[],
  context: Record<string, string | string[]>,
): boolean {
  const compiled = compileCondition({ operator, key: 'aws:SourceArn', values }, '2012-10-17', 'C');
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value.test(buildContext(context));
}

const topic = 'arn:aws:sns:us-east-2:123456789012:TOPIC-ID';

// ARN operators: "Each of the six colon-delimited components of the ARN is checked separately
// and each can include multi-character match wildcards (*) or single-character match wildcards
// (?). The ArnEquals and ArnLike condition operators behave identically.":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
describe('compileArnPattern', () => {
  it.each([
    [topic, topic, true],
    [topic, topic.toLowerCase(), false],
    ['arn:aws:sns:*:123456789012:TOPIC-ID', topic, true],
    ['arn:aws:sns:us-east-?:123456789012:*', topic, true],
    ['arn:???:*:*:*:*', topic, true],
    ['arn:aws:s3:::my_corporate_bucket', 'arn:aws:s3:::my_corporate_bucket', true],
    ['arn:aws:s3:::my_corporate_bucket/*', 'arn:aws:s3:::my_corporate_bucket/a/b:c', true],
    ['arn:aws:s3:::*', 'arn:aws:s3:::bucket', true],
    // The doc's own example: the region wildcard cannot swallow the colons after it.
    [
      'arn:aws:someservice:*:111122223333:finance/*',
      'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt',
      false,
    ],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::123456789012:role/a/b', true],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::123456789012:user/a', false],
    ['arn:aws:*:*:*:*', 'arn:aws:iam::123456789012:role/x', true],
    ['arn:aws:*', 'arn:aws:iam::123456789012:role/x', true],
    ['arn:aws:iam::*', 'arn:aws:iam::123456789012:role/x', true],
    ['*', topic, true],
    ['*', 'not an arn', true],
    ['arn:aws:sns:*:*:*', 'arn:aws:sns:us-east-2', false],
    ['arn:aws:sns:*:*:*', '', false],
    [
      'arn:aws:ec2:us-east-1:123456789012:instance/i-12345',
      'arn:aws:ec2:us-east-1:123456789012:INSTANCE/I-12345',
      false,
    ],
  ])('%j against %j is %s', (pattern, arn, expected) => {
    expect(compileArnPattern(pattern)(arn)).toBe(expected);
  });
});

describe('ARN operators', () => {
  it.each([
    ['ArnEquals', [topic], topic, true],
    ['ArnEquals', ['arn:aws:sns:*:123456789012:*'], topic, true],
    ['ArnLike', ['arn:aws:sns:*:123456789012:*'], topic, true],
    ['ArnLike', ['arn:aws:sns:*:111111111111:*', 'arn:aws:sns:*:123456789012:*'], topic, true],
    ['ArnLike', ['arn:aws:sqs:*:*:*'], topic, false],
    ['ArnNotEquals', ['arn:aws:sqs:*:*:*'], topic, true],
    ['ArnNotEquals', [topic], topic, false],
    ['ArnNotLike', ['arn:aws:sns:*:*:*'], topic, false],
    ['ArnNotLike', ['arn:aws:sqs:*:*:*', 'arn:aws:s3:::*'], topic, true],
  ])('%s %j with %j is %s', (operator, values, value, expected) => {
    expect(holds(operator, values, { 'aws:SourceArn': value })).toBe(expected);
  });

  it('takes policy variables in the resource', () => {
    const values = ['arn:aws:iam::123456789012:user/${aws:username}'];
    const arn = 'arn:aws:iam::123456789012:user/Bob';
    expect(holds('ArnLike', values, { 'aws:SourceArn': arn, 'aws:username': 'Bob' })).toBe(true);
    expect(holds('ArnLike', values, { 'aws:SourceArn': arn, 'aws:username': 'Alice' })).toBe(false);
    expect(holds('ArnLike', values, { 'aws:SourceArn': arn })).toBe(false);
    expect(holds('ArnNotLike', values, { 'aws:SourceArn': arn })).toBe(true);
  });

  it('matches variable values literally', () => {
    const values = ['arn:aws:iam::123456789012:user/${aws:username}'];
    const context = { 'aws:SourceArn': 'arn:aws:iam::123456789012:user/Bob', 'aws:username': '*' };
    expect(holds('ArnLike', values, context)).toBe(false);
  });
});
