import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { createCloudTrailUsageCollector, MAX_RESOURCES_PER_ACTION, mergeUsage } from './cloudtrail-usage.js';
import type { Usage, UsedAction } from './usage.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

const ROLE = 'arn:aws:iam::111122223333:role/orders-api';

/** A record in CloudTrail's format (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html). */
function record(
  eventTime: string,
  eventSource: string,
  eventName: string,
  extra: Record<string, unknown> = {},
) {
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROA4EXAMPLE:task',
      arn: 'arn:aws:sts::111122223333:assumed-role/orders-api/task',
      accountId: '111122223333',
      sessionContext: {
        sessionIssuer: { type: 'Role', arn: ROLE, accountId: '111122223333', userName: 'orders-api' },
      },
    },
    eventTime,
    eventSource,
    eventName,
    awsRegion: 'eu-west-1',
    sourceIPAddress: '10.0.1.12',
    userAgent: 'aws-sdk-js/3.600.0',
    requestParameters: {},
    responseElements: null,
    requestID: 'r',
    eventID: 'e',
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: false,
    recipientAccountId: '111122223333',
    eventCategory: 'Data',
    ...extra,
  };
}

describe('createCloudTrailUsageCollector', () => {
  it('aggregates per principal and action: count, last use, resources, window, covered accounts', () => {
    const collector = createCloudTrailUsageCollector(catalog);
    collector.add(
      record('2026-11-10T08:00:00Z', 'dynamodb.amazonaws.com', 'GetItem', {
        requestParameters: { tableName: 'orders' },
      }),
    );
    collector.add(
      record('2026-11-12T08:00:00Z', 'dynamodb.amazonaws.com', 'GetItem', {
        requestParameters: { tableName: 'orders' },
      }),
    );
    collector.add(
      record('2026-11-11T08:00:00Z', 's3.amazonaws.com', 'CopyObject', {
        requestParameters: { bucketName: 'docs', key: 'a' },
      }),
    );
    expect(collector.usage()).toEqual({
      window: { start: '2026-11-10T08:00:00Z', end: '2026-11-12T08:00:00Z' },
      actions: [
        {
          principal: ROLE,
          action: 'dynamodb:GetItem',
          resources: ['arn:aws:dynamodb:eu-west-1:111122223333:table/orders'],
          count: 2,
          lastUsed: '2026-11-12T08:00:00Z',
          source: 'cloudtrail',
        },
        {
          principal: ROLE,
          action: 's3:GetObject',
          resources: ['arn:aws:s3:::docs/a'],
          count: 1,
          lastUsed: '2026-11-11T08:00:00Z',
          source: 'cloudtrail',
        },
        {
          principal: ROLE,
          action: 's3:PutObject',
          resources: ['arn:aws:s3:::docs/a'],
          count: 1,
          lastUsed: '2026-11-11T08:00:00Z',
          source: 'cloudtrail',
        },
      ],
      coverage: { accounts: ['111122223333'], principals: [] },
    });
    expect(collector.stats()).toMatchObject({ records: 3, used: 3, denied: 0 });
  });

  it('counts refused calls apart and never as usage', () => {
    const collector = createCloudTrailUsageCollector(catalog);
    collector.add(
      record('2026-11-10T08:00:00Z', 'iam.amazonaws.com', 'CreateUser', {
        errorCode: 'AccessDenied',
        errorMessage: 'User: ... is not authorized to perform: iam:CreateUser',
      }),
    );
    expect(collector.usage().actions).toEqual([]);
    expect(collector.stats()).toMatchObject({ records: 1, used: 0, denied: 1 });
  });

  it('keeps calls that failed after authorisation (NoSuchKey): the permission was used', () => {
    const collector = createCloudTrailUsageCollector(catalog);
    collector.add(
      record('2026-11-10T08:00:00Z', 's3.amazonaws.com', 'GetObject', { errorCode: 'NoSuchKey' }),
    );
    expect(collector.usage().actions.map((a) => a.action)).toEqual(['s3:GetObject']);
  });

  it('counts sign-ins, service events, unmapped and incomplete records apart', () => {
    const collector = createCloudTrailUsageCollector(catalog);
    collector.add({
      ...record('2026-11-10T08:00:00Z', 'signin.amazonaws.com', 'ConsoleLogin'),
      eventType: 'AwsConsoleSignIn',
    });
    collector.add({
      ...record('2026-11-10T08:00:00Z', 'kms.amazonaws.com', 'Decrypt'),
      userIdentity: { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' },
    });
    collector.add(record('2026-11-10T08:00:00Z', 'example.amazonaws.com', 'DoThing'));
    collector.add(record('2026-11-10T08:00:00Z', 'example.amazonaws.com', 'DoThing'));
    collector.add({ eventSource: 's3.amazonaws.com' });
    collector.add('not an object');
    expect(collector.stats()).toEqual({
      records: 6,
      used: 0,
      denied: 0,
      signIns: 1,
      noPrincipal: 1,
      incomplete: 2,
      unmapped: [{ eventSource: 'example.amazonaws.com', eventName: 'DoThing', count: 2 }],
    });
  });

  it(`keeps at most ${MAX_RESOURCES_PER_ACTION} resources per action and says so`, () => {
    const collector = createCloudTrailUsageCollector(catalog);
    for (let i = 0; i <= MAX_RESOURCES_PER_ACTION; i++)
      collector.add(
        record('2026-11-10T08:00:00Z', 's3.amazonaws.com', 'GetObject', {
          requestParameters: { bucketName: 'b', key: `k${i}` },
        }),
      );
    const [used] = collector.usage().actions;
    expect(used?.resources).toHaveLength(MAX_RESOURCES_PER_ACTION);
    expect(used?.resourcesTruncated).toBe(true);
    expect(used?.count).toBe(MAX_RESOURCES_PER_ACTION + 1);
  });
});

describe('mergeUsage', () => {
  const usedAction = fc.record({
    principal: fc.constantFrom('arn:aws:iam::1:role/a', 'arn:aws:iam::1:user/b'),
    action: fc.constantFrom('s3:GetObject', 's3:*', 'sqs:SendMessage'),
    resources: fc
      .uniqueArray(fc.constantFrom('arn:aws:s3:::x', 'arn:aws:s3:::y'), { maxLength: 2 })
      .map((r) => r.sort()),
    count: fc.nat(100),
    lastUsed: fc.constantFrom('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'),
    source: fc.constantFrom('cloudtrail' as const, 'access-advisor' as const),
  });
  const usage = fc.array(usedAction, { maxLength: 6 }).map((actions): Usage => mergeUsage([{ actions }]));

  it('does not depend on the order of its inputs', () => {
    fc.assert(
      fc.property(usage, usage, (a, b) => {
        expect(mergeUsage([a, b])).toEqual(mergeUsage([b, a]));
      }),
    );
  });

  it('adds counts up and keeps the latest use', () => {
    fc.assert(
      fc.property(usage, usage, (a, b) => {
        const total = (u: Usage) => u.actions.reduce((sum: number, x: UsedAction) => sum + x.count, 0);
        const merged = mergeUsage([a, b]);
        expect(total(merged)).toBe(total(a) + total(b));
        for (const x of [...a.actions, ...b.actions]) {
          const found = merged.actions.find(
            (m) => m.principal === x.principal && m.action === x.action && m.source === x.source,
          );
          expect(found && found.lastUsed >= x.lastUsed).toBe(true);
        }
      }),
    );
  });

  it('joins windows and coverage', () => {
    expect(
      mergeUsage([
        {
          window: { start: '2026-11-02T00:00:00Z', end: '2026-11-05T00:00:00Z' },
          actions: [],
          coverage: { accounts: ['2'], principals: [] },
        },
        {
          window: { start: '2026-11-01T00:00:00Z', end: '2026-11-03T00:00:00Z' },
          actions: [],
          coverage: { accounts: [], principals: ['p'] },
        },
      ]),
    ).toEqual({
      window: { start: '2026-11-01T00:00:00Z', end: '2026-11-05T00:00:00Z' },
      actions: [],
      coverage: { accounts: ['2'], principals: ['p'] },
    });
  });
});
