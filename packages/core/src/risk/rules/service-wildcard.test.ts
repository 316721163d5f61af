import { describe, expect, it } from 'vitest';
import { loadTools, riskSnapshot } from '../../testing/risk-snapshot.js';
import { createRiskContext } from '../risk-context.js';
import { serviceWildcard } from './service-wildcard.js';

const queue = { arn: 'arn:aws:sqs:eu-west-1:111122223333:orders', type: 'AWS::SQS::Queue' };

async function run(inline: Record<string, unknown>[], org?: Parameters<typeof riskSnapshot>[1]) {
  const snapshot = riskSnapshot(
    {
      '111122223333': { roles: [{ name: 'app', inline: { p: { Statement: inline } } }], resources: [queue] },
    },
    org,
  );
  return serviceWildcard.run(createRiskContext(snapshot, await loadTools()));
}

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
describe('service-wildcard', () => {
  it('noncompliant 1: s3:* is medium and names the policy', async () => {
    const findings = await run([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]);
    expect(findings).toEqual([expect.objectContaining({ severity: 'medium', conditional: false })]);
    expect(findings[0]?.message).toContain('`s3:*` (role/app#p)');
  });

  it('noncompliant 2: `*` is high', async () => {
    expect(await run([{ Effect: 'Allow', Action: '*', Resource: '*' }])).toEqual([
      expect.objectContaining({ severity: 'high' }),
    ]);
  });

  it('noncompliant 3: the wildcard counts even when scoped to one resource', async () => {
    expect(
      await run([
        { Effect: 'Allow', Action: 'sqs:*', Resource: 'arn:aws:sqs:eu-west-1:111122223333:orders' },
      ]),
    ).toHaveLength(1);
  });

  it('compliant: named actions', async () => {
    expect(await run([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' }])).toEqual(
      [],
    );
  });

  it('compliant: a prefix wildcard is not a service wildcard', async () => {
    expect(await run([{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }])).toEqual([]);
  });

  it('compliant (trap): an SCP denies the whole service, so the wildcard grants nothing', async () => {
    expect(
      await run([{ Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' }], {
        scps: [{ Statement: [{ Effect: 'Deny', Action: 'sagemaker:*', Resource: '*' }] }],
      }),
    ).toEqual([]);
  });

  it('compliant (trap): a Deny effect with a wildcard is not a grant', async () => {
    expect(
      await run([
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
      ]),
    ).toEqual([]);
  });
});
