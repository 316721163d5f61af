import { describe, expect, it } from 'vitest';
import { compileActionPatterns } from './action-pattern.js';

// "Action ... values are case-insensitive"; wildcards `*` and `?` may appear in the action name.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
describe('compileActionPatterns', () => {
  it.each([
    [['s3:GetObject'], 's3:getobject', true],
    [['S3:GETOBJECT'], 's3:getobject', true],
    [['s3:Get*'], 's3:getobjectacl', true],
    [['s3:Get*'], 's3:putobject', false],
    [['s3:*Object'], 's3:deleteobject', true],
    [['s3:?etObject'], 's3:getobject', true],
    [['s3:?etObject'], 's3:ggetobject', false],
    [['*'], 'iam:createuser', true],
    [['s3:*'], 's3express:createsession', false],
    [['*:GetObject'], 's3:getobject', true],
    [['s*:Get*'], 'sqs:getqueueurl', true],
    [['iam:PassRole', 'sts:AssumeRole'], 'sts:assumerole', true],
    [['ec2:*'], 'ec2messages:getmessages', false],
  ])('%j matches %s: %s', (patterns, action, expected) => {
    expect(compileActionPatterns(patterns)(action)).toBe(expected);
  });

  it('never lets a wildcard cross the colon between service and action', () => {
    expect(compileActionPatterns(['s*GetObject'])('s3:getobject')).toBe(false);
  });
});
