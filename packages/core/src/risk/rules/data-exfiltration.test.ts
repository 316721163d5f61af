import { describe, expect, it } from 'vitest';
import { loadTools, riskSnapshot, type TestRole } from '../../testing/risk-snapshot.js';
import { createRiskContext } from '../risk-context.js';
import { dataExfiltration } from './data-exfiltration.js';

const buckets = ['a', 'b', 'c'].map((n) => ({ arn: `arn:aws:s3:::data-${n}`, type: 'AWS::S3::Bucket' }));
const tables = ['t1', 't2'].map((n) => ({
  arn: `arn:aws:dynamodb:eu-west-1:111122223333:table/${n}`,
  type: 'AWS::DynamoDB::Table',
}));
const queue = {
  arn: 'arn:aws:sqs:eu-west-1:111122223333:orders',
  type: 'AWS::SQS::Queue',
  tags: { 'data-classification': 'confidential' },
};

async function run(role: Omit<TestRole, 'name'>, threshold = 5) {
  const snapshot = riskSnapshot({
    '111122223333': { roles: [{ name: 'reader', ...role }], resources: [...buckets, ...tables, queue] },
  });
  return dataExfiltration.run(
    createRiskContext(snapshot, await loadTools(), { exfiltrationThreshold: threshold }),
  );
}
const allow = (Action: unknown, Resource: unknown = '*') => ({
  Statement: [{ Effect: 'Allow', Action, Resource }],
});

// https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/sec_permissions_least_privileges.html
describe('data-exfiltration', () => {
  it('noncompliant 1: reads every bucket and table (5 data sources)', async () => {
    const findings = await run({ inline: { p: allow(['s3:GetObject', 'dynamodb:Scan']) } });
    expect(findings).toEqual([expect.objectContaining({ severity: 'high', conditional: false })]);
    expect(findings[0]?.message).toContain('5 data sources');
  });

  it('noncompliant 2: a resource tagged confidential counts as a data source', async () => {
    expect(await run({ inline: { p: allow(['sqs:ReceiveMessage', 's3:GetObject']) } }, 4)).toHaveLength(1);
    expect(await run({ inline: { p: allow(['s3:GetObject']) } }, 4)).toEqual([]);
  });

  it('compliant: one bucket by ARN', async () => {
    expect(await run({ inline: { p: allow('s3:GetObject', 'arn:aws:s3:::data-a/*') } })).toEqual([]);
  });

  it('compliant: listing and configuration are not data', async () => {
    expect(
      await run({
        inline: { p: allow(['s3:ListAllMyBuckets', 's3:GetBucketPolicy', 'dynamodb:DescribeTable']) },
      }),
    ).toEqual([]);
  });

  it('compliant (trap): a Deny on the tables in another policy brings it under the threshold', async () => {
    expect(
      await run({
        inline: {
          p: allow(['s3:GetObject', 'dynamodb:Scan']),
          q: { Statement: [{ Effect: 'Deny', Action: 'dynamodb:*', Resource: '*' }] },
        },
      }),
    ).toEqual([]);
  });
});
