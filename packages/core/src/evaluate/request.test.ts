import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contextKeyId } from '../condition/context.js';
import { buildRequest } from './request.js';

const contextOf = (input: Parameters<typeof buildRequest>[0]) => {
  const result = buildRequest(input);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return Object.fromEntries(result.value.context);
};

// Global condition keys and when AWS sets them:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
describe('buildRequest fills the keys that follow from the request', () => {
  it('for a role session: the role ARN as aws:PrincipalArn', () => {
    expect(
      contextOf({
        principal: 'arn:aws:sts::111122223333:assumed-role/app/s1',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/k',
      }),
    ).toEqual({
      'aws:principalarn': ['arn:aws:iam::111122223333:role/app'],
      'aws:principalaccount': ['111122223333'],
      'aws:principaltype': ['AssumedRole'],
      'aws:principalisawsservice': ['false'],
      'aws:resourceaccount': ['111122223333'],
    });
  });

  it('for a user: aws:username, and the resource account from the ARN', () => {
    expect(
      contextOf({
        principal: 'arn:aws:iam::111122223333:user/alice',
        action: 'sqs:SendMessage',
        resource: 'arn:aws:sqs:eu-west-1:444455556666:q',
      }),
    ).toMatchObject({
      'aws:username': ['alice'],
      'aws:principaltype': ['User'],
      'aws:resourceaccount': ['444455556666'],
    });
  });

  it('for a service principal: aws:PrincipalIsAWSService and aws:PrincipalServiceName, no account', () => {
    const context = contextOf({
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::b/k',
    });
    expect(context).toEqual({
      'aws:principalisawsservice': ['true'],
      'aws:principalservicename': ['cloudtrail.amazonaws.com'],
    });
  });

  it('for the root user and anonymous callers: aws:userid', () => {
    expect(
      contextOf({ principal: 'arn:aws:iam::111122223333:root', action: 's3:GetObject', resource: '*' }),
    ).toMatchObject({
      'aws:userid': ['111122223333'],
      'aws:principaltype': ['Account'],
    });
    expect(
      contextOf({ principal: 'anonymous', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }),
    ).toMatchObject({
      'aws:userid': ['anonymous'],
      'aws:principaltype': ['Anonymous'],
    });
  });

  it('never overrides a value the request gives, whatever its case', () => {
    const context = contextOf({
      principal: 'arn:aws:sts::111122223333:assumed-role/app/s1',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/k',
      resourceAccount: '444455556666',
      context: { 'AWS:PrincipalArn': 'arn:aws:iam::111122223333:role/team/app' },
    });
    expect(context['aws:principalarn']).toEqual(['arn:aws:iam::111122223333:role/team/app']);
    expect(context['aws:resourceaccount']).toEqual(['444455556666']);
  });

  it.each([
    [
      { principal: 'bob', action: 's3:GetObject', resource: '*' },
      'request.malformed-arn',
      'request.principal',
    ],
    [
      { principal: 'arn:aws:iam::111122223333:user/a', action: 's3:GetObject', resource: 'bucket/key' },
      'request.malformed-arn',
      'request.resource',
    ],
    [
      { principal: 'arn:aws:iam::111122223333:user/a', action: 's3:Get*', resource: '*' },
      'request.invalid',
      'request.action',
    ],
    [
      { principal: 'arn:aws:iam::111122223333:user/a', action: 'GetObject', resource: '*' },
      'request.invalid',
      'request.action',
    ],
  ])('rejects %j', (input, code, path) => {
    const result = buildRequest(input);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code, path }));
  });
});

// The evaluator reads condition keys from `contextSlots` (statement-hits.ts): they must hold
// exactly the entries of the map, whatever the keys' spellings, repeats and filled-in keys.
describe('contextSlots', () => {
  it('holds the same entries as the context map', () => {
    const key = fc.constantFrom(
      'aws:SourceIp',
      'AWS:SourceIP',
      'aws:PrincipalArn',
      'aws:principaltag/Team',
      's3:prefix',
      'aws:ResourceAccount',
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.oneof(key, fc.string({ minLength: 1, maxLength: 8 })), fc.string()),
        fc.constantFrom(
          'arn:aws:sts::111122223333:assumed-role/app/s1',
          'arn:aws:iam::111122223333:user/alice',
          's3.amazonaws.com',
          'anonymous',
        ),
        (context, principal) => {
          const result = buildRequest({
            principal,
            action: 's3:GetObject',
            resource: 'arn:aws:s3:::b/k',
            context,
          });
          if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
          const { context: map, contextSlots } = result.value;
          expect(contextSlots).toBeDefined();
          const slots = contextSlots ?? [];
          for (const [lower, values] of map) expect(slots[contextKeyId(lower)]).toBe(values);
          const filledSlots = slots.filter((values) => values !== undefined);
          expect(filledSlots).toHaveLength(map.size);
        },
      ),
    );
  });
});
