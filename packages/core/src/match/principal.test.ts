import { describe, expect, it } from 'vitest';
import { parseRequestPrincipal } from './principal.js';

// Principal forms: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
describe('parseRequestPrincipal', () => {
  it.each([
    ['arn:aws:iam::111122223333:root', { kind: 'root', account: '111122223333' }],
    [
      'arn:aws:iam::111122223333:user/division/alice',
      { kind: 'user', name: 'alice', account: '111122223333' },
    ],
    ['arn:aws:iam::111122223333:role/app', { kind: 'role', name: 'app', serviceLinked: false }],
    [
      'arn:aws:sts::111122223333:assumed-role/app/i-0abc',
      {
        kind: 'assumedRole',
        name: 'app',
        sessionName: 'i-0abc',
        principalArn: 'arn:aws:iam::111122223333:role/app',
      },
    ],
    ['arn:aws:sts::111122223333:federated-user/bob', { kind: 'federatedUser', name: 'bob' }],
    ['cloudtrail.amazonaws.com', { kind: 'service' }],
    ['anonymous', { kind: 'anonymous' }],
    ['accounts.google.com', { kind: 'federated' }],
    ['arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', { kind: 'federated' }],
    ['79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be', { kind: 'canonicalUser' }],
  ])('reads %s', (text, expected) => {
    expect(parseRequestPrincipal(text)).toMatchObject(expected);
  });

  // Service-linked roles live under the path /aws-service-role/ and are named AWSServiceRoleFor...
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
  it.each([
    'arn:aws:iam::111122223333:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk',
    'arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForElasticBeanstalk/session',
  ])('knows %s is service-linked', (text) => {
    expect(parseRequestPrincipal(text)?.serviceLinked).toBe(true);
  });

  it.each([
    'arn:aws:iam::1111:user/alice',
    'arn:aws:iam::111122223333:user/',
    'arn:aws:s3:::bucket',
    'arn:aws:sts::111122223333:assumed-role/app',
    'not-a-principal',
    'arn:aws:iam::111122223333:group/admins',
  ])('rejects %s', (text) => {
    expect(parseRequestPrincipal(text)).toBeUndefined();
  });
});
