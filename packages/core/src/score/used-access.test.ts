import { describe, expect, it } from 'vitest';
import type { PrincipalAccess } from '../access/access-of.js';
import type { UsedAction } from '../usage/usage.js';
import { usedAccessOf } from './used-access.js';

const role = 'arn:aws:iam::111122223333:role/orders-api';
const orders = 'arn:aws:s3:::orders-prod/*';
const archive = 'arn:aws:s3:::orders-archive/*';
const table = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
const access: PrincipalAccess = {
  principal: role,
  grants: [
    {
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      resources: [table],
      conditional: false,
      conditionKeys: [],
    },
    {
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: [archive, orders],
      conditional: false,
      conditionKeys: [],
    },
    { actions: ['s3:ListAllMyBuckets'], resources: ['*'], conditional: false, conditionKeys: [] },
  ],
};
const used = (
  action: string,
  resources: string[] = [],
  source: UsedAction['source'] = 'cloudtrail',
): UsedAction => ({
  principal: role,
  action,
  resources,
  count: 1,
  lastUsed: '2026-11-15T10:00:00Z',
  source,
});
const pairs = (a: PrincipalAccess) =>
  a.grants.flatMap((g) => g.actions.flatMap((action) => g.resources.map((r) => `${action} ${r}`))).sort();

describe('usedAccessOf (the access par is the score of)', () => {
  // CloudTrail names the object; the effective access holds the bucket's objects as `bucket/*`.
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-s3-info.html
  it('keeps the allowed pairs CloudTrail saw, an object counting as its bucket’s objects', () => {
    const result = usedAccessOf(access, [used('s3:GetObject', ['arn:aws:s3:::orders-prod/2026/11/a.json'])]);
    expect(pairs(result)).toEqual([`s3:GetObject ${orders}`]);
  });

  it('counts an object under a key prefix a policy names as that prefix too', () => {
    const prefix = 'arn:aws:s3:::orders-prod/2026/*';
    const withPrefix: PrincipalAccess = {
      ...access,
      grants: [
        ...access.grants,
        { actions: ['s3:GetObject'], resources: [prefix], conditional: false, conditionKeys: [] },
      ],
    };
    const result = usedAccessOf(withPrefix, [
      used('s3:GetObject', ['arn:aws:s3:::orders-prod/2026/11/a.json']),
    ]);
    expect(pairs(result)).toEqual([`s3:GetObject ${orders}`, `s3:GetObject ${prefix}`]);
    const elsewhere = usedAccessOf(withPrefix, [
      used('s3:GetObject', ['arn:aws:s3:::orders-prod/2025/a.json']),
    ]);
    expect(pairs(elsewhere)).toEqual([`s3:GetObject ${orders}`]);
  });

  it('matches actions case-insensitively and ignores what is used but not allowed', () => {
    const result = usedAccessOf(access, [
      used('S3:getobject', [orders.replace('/*', '/k')]),
      used('sqs:SendMessage', ['arn:aws:sqs:eu-west-1:111122223333:q']),
      used('s3:GetObject', ['arn:aws:s3:::not-in-the-snapshot/k']),
    ]);
    expect(pairs(result)).toEqual([`s3:GetObject ${orders}`]);
  });

  it('keeps every allowed pair of an action seen without resources', () => {
    expect(pairs(usedAccessOf(access, [used('s3:PutObject')]))).toEqual([
      `s3:PutObject ${archive}`,
      `s3:PutObject ${orders}`,
    ]);
  });

  it('keeps every allowed pair of an action whose resources the collector truncated', () => {
    const truncated = { ...used('s3:PutObject', [orders.replace('/*', '/k')]), resourcesTruncated: true };
    expect(pairs(usedAccessOf(access, [truncated]))).toEqual([
      `s3:PutObject ${archive}`,
      `s3:PutObject ${orders}`,
    ]);
  });

  it('covers a placeholder of the floor (a resource type without inventory) by any use of the action', () => {
    const volumes = 'arn:aws:ec2:eu-west-1:111122223333:volume/*';
    const withFloor: PrincipalAccess = {
      ...access,
      grants: [
        ...access.grants,
        { actions: ['ec2:DeleteVolume'], resources: [volumes], conditional: false, conditionKeys: [] },
      ],
    };
    const result = usedAccessOf(withFloor, [
      used('ec2:DeleteVolume', ['arn:aws:ec2:eu-west-1:111122223333:volume/vol-0a1b']),
    ]);
    expect(pairs(result)).toEqual([`ec2:DeleteVolume ${volumes}`]);
  });

  it('covers an action that takes no resource by any use of it', () => {
    expect(pairs(usedAccessOf(access, [used('s3:ListAllMyBuckets', ['arn:aws:s3:::x'])]))).toEqual([
      's3:ListAllMyBuckets *',
    ]);
  });

  // Access Advisor reports the services a principal used, for most services without the actions.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html
  it('keeps a whole service for service-level Access Advisor data', () => {
    expect(pairs(usedAccessOf(access, [used('dynamodb:*', [], 'access-advisor')]))).toEqual([
      `dynamodb:GetItem ${table}`,
      `dynamodb:PutItem ${table}`,
    ]);
  });

  it('is empty for nothing used, and never more than the access', () => {
    expect(usedAccessOf(access, []).grants).toEqual([]);
    const all = usedAccessOf(access, [used('s3:*'), used('dynamodb:*'), used('s3:GetObject', [orders])]);
    expect(pairs(all)).toEqual(pairs(access));
  });
});
