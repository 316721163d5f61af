import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAccessDenied, principalOfEvent, resourcesOfEvent } from './cloudtrail-event.js';

// userIdentity blocks as CloudTrail writes them:
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
const roleSession = {
  type: 'AssumedRole',
  principalId: 'AROA4EXAMPLE7ORDERS:ecs-task-1',
  arn: 'arn:aws:sts::111122223333:assumed-role/orders-api/ecs-task-1',
  accountId: '111122223333',
  accessKeyId: 'ASIA4EXAMPLEKEY00001',
  sessionContext: {
    sessionIssuer: {
      type: 'Role',
      principalId: 'AROA4EXAMPLE7ORDERS',
      arn: 'arn:aws:iam::111122223333:role/app/orders-api',
      accountId: '111122223333',
      userName: 'orders-api',
    },
    webIdFederationData: {},
    attributes: { creationDate: '2026-11-15T09:00:00Z', mfaAuthenticated: 'false' },
  },
};

describe('principalOfEvent', () => {
  it('maps a role session to its role, path included, from sessionIssuer', () => {
    expect(principalOfEvent({ userIdentity: roleSession })).toBe(
      'arn:aws:iam::111122223333:role/app/orders-api',
    );
  });

  it('falls back to the session ARN (path unknown) when there is no session issuer', () => {
    const { sessionContext: _, ...bare } = roleSession;
    expect(principalOfEvent({ userIdentity: bare })).toBe('arn:aws:iam::111122223333:role/orders-api');
  });

  it('maps a service-linked role session to the service-linked role', () => {
    const identity = {
      ...roleSession,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          arn: 'arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS',
        },
      },
    };
    expect(principalOfEvent({ userIdentity: identity })).toBe(
      'arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS',
    );
  });

  it.each([
    [
      { type: 'IAMUser', arn: 'arn:aws:iam::999988887777:user/bootstrap-admin', userName: 'bootstrap-admin' },
      'arn:aws:iam::999988887777:user/bootstrap-admin',
    ],
    [
      { type: 'Root', arn: 'arn:aws:iam::999988887777:root', accountId: '999988887777' },
      'arn:aws:iam::999988887777:root',
    ],
    [
      {
        type: 'FederatedUser',
        arn: 'arn:aws:sts::555566667777:federated-user/bob',
        sessionContext: { sessionIssuer: { type: 'IAMUser', arn: 'arn:aws:iam::555566667777:user/broker' } },
      },
      'arn:aws:iam::555566667777:user/broker',
    ],
    [{ type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' }, undefined],
    [{ type: 'AWSAccount', accountId: '210987654321', principalId: 'AIDAEXAMPLE' }, undefined],
    [{ type: 'WebIdentityUser', userName: 'repo:northwind/app:ref:refs/heads/main' }, undefined],
    [{ type: 'SAMLUser', userName: 'alice' }, undefined],
  ])('%j is %s', (userIdentity, expected) => {
    expect(principalOfEvent({ userIdentity })).toBe(expected);
  });

  it('is undefined for a record without userIdentity', () => {
    expect(principalOfEvent({})).toBeUndefined();
    expect(principalOfEvent(null)).toBeUndefined();
  });
});

describe('resourcesOfEvent', () => {
  const base = { awsRegion: 'eu-west-1', recipientAccountId: '111122223333' };

  it('names the S3 object of a data event, or the bucket without a key', () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-understanding-s3-entries.html
    expect(
      resourcesOfEvent({
        ...base,
        eventSource: 's3.amazonaws.com',
        requestParameters: { bucketName: 'orders-documents', key: '2026/11/a.pdf', Host: 'x' },
        resources: [
          { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::orders-documents/2026/11/a.pdf' },
          { accountId: '111122223333', type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::orders-documents' },
        ],
      }),
    ).toEqual(['arn:aws:s3:::orders-documents/2026/11/a.pdf']);
    expect(
      resourcesOfEvent({
        ...base,
        eventSource: 's3.amazonaws.com',
        requestParameters: { bucketName: 'b', 'list-type': '2' },
      }),
    ).toEqual(['arn:aws:s3:::b']);
  });

  it('builds DynamoDB table and SQS queue ARNs from names and URLs', () => {
    expect(
      resourcesOfEvent({
        ...base,
        eventSource: 'dynamodb.amazonaws.com',
        requestParameters: { tableName: 'orders' },
      }),
    ).toEqual(['arn:aws:dynamodb:eu-west-1:111122223333:table/orders']);
    expect(
      resourcesOfEvent({
        ...base,
        eventSource: 'sqs.amazonaws.com',
        requestParameters: { queueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders-fulfilment' },
      }),
    ).toEqual(['arn:aws:sqs:eu-west-1:111122223333:orders-fulfilment']);
  });

  it('takes ARNs from AssumeRole and SNS parameters, and the resources list otherwise', () => {
    expect(
      resourcesOfEvent({
        eventSource: 'sts.amazonaws.com',
        requestParameters: { roleArn: 'arn:aws:iam::1:role/x', roleSessionName: 's' },
      }),
    ).toEqual(['arn:aws:iam::1:role/x']);
    expect(
      resourcesOfEvent({
        eventSource: 'kms.amazonaws.com',
        requestParameters: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
        resources: [{ accountId: '1', type: 'AWS::KMS::Key', ARN: 'arn:aws:kms:eu-west-1:1:key/k' }],
      }),
    ).toEqual(['arn:aws:kms:eu-west-1:1:key/k']);
    expect(
      resourcesOfEvent({
        eventSource: 'lambda.amazonaws.com',
        requestParameters: { functionName: 'short-name' },
      }),
    ).toEqual([]);
  });
});

describe('resourcesOfEvent on any parameters (property)', () => {
  it('gives the ARN-valued parameters, else the listed ARNs, sorted and without duplicates', () => {
    // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
    const value = fc.constantFrom('arn:aws:iam::1:role/b', 'arn:aws:sns:eu-west-1:1:a', 'short', '', 'arn:x');
    const parameters = fc.record(
      { roleArn: value, topicArn: value, functionName: value, secretId: value, other: value },
      { requiredKeys: [] },
    );
    const listed = fc.array(fc.record({ ARN: value }, { requiredKeys: [] }), { maxLength: 4 });
    fc.assert(
      fc.property(
        fc.constantFrom('sts.amazonaws.com', 'sns.amazonaws.com', 'lambda.amazonaws.com'),
        fc.option(parameters, { nil: undefined }),
        listed,
        (eventSource, requestParameters, resources) => {
          const named: string[] = [];
          for (const key of ['roleArn', 'topicArn', 'functionName', 'secretId'] as const) {
            const v = requestParameters?.[key];
            if (v?.startsWith('arn:')) named.push(v);
          }
          const expected = named.length > 0 ? named : resources.flatMap((r) => (r.ARN ? [r.ARN] : []));
          expect(resourcesOfEvent({ eventSource, requestParameters, resources })).toEqual(
            [...new Set(expected)].sort(),
          );
        },
      ),
    );
  });
});

describe('isAccessDenied', () => {
  it.each([
    ['AccessDenied', true],
    ['AccessDeniedException', true],
    ['Client.UnauthorizedOperation', true],
    ['NoSuchKey', false],
    [undefined, false],
  ])('%s: %s', (errorCode, expected) => {
    expect(isAccessDenied({ errorCode })).toBe(expected);
  });
});
