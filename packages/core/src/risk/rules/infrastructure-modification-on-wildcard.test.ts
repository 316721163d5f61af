import { describe, expect, it } from 'vitest';
import { loadTools, riskSnapshot, type TestRole } from '../../testing/risk-snapshot.js';
import { createRiskContext } from '../risk-context.js';
import { infrastructureModificationOnWildcard } from './infrastructure-modification-on-wildcard.js';

async function run(role: Omit<TestRole, 'name'>) {
  const snapshot = riskSnapshot({ '111122223333': { roles: [{ name: 'app', ...role }] } });
  return infrastructureModificationOnWildcard.run(createRiskContext(snapshot, await loadTools()));
}
const allow = (Action: unknown, Resource: unknown = '*') => ({
  Statement: [{ Effect: 'Allow', Action, Resource }],
});

// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html#actions_table
describe('infrastructure-modification-on-wildcard', () => {
  it('noncompliant 1: ec2:TerminateInstances on every instance', async () => {
    const findings = await run({ inline: { p: allow('ec2:TerminateInstances') } });
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'medium',
        principal: 'arn:aws:iam::111122223333:role/app',
        conditional: false,
      }),
    ]);
    expect(findings[0]?.message).toContain('ec2');
  });

  it('noncompliant 2: dynamodb:DeleteTable on arn:aws:dynamodb:*:*:table/*', async () => {
    expect(
      await run({ inline: { p: allow('dynamodb:DeleteTable', 'arn:aws:dynamodb:*:*:table/*') } }),
    ).toHaveLength(1);
  });

  it('compliant: actions that accept only `*` are not careless wildcards', async () => {
    // The catalog lists no resource type for them:
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html
    const { catalog } = await loadTools();
    for (const action of ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'])
      expect(catalog.findAction(action)?.resourceTypes).toEqual([]);
    expect(
      await run({ inline: { p: allow(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']) } }),
    ).toEqual([]);
  });

  it('compliant: scoped to one table', async () => {
    expect(
      await run({
        inline: { p: allow('dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders') },
      }),
    ).toEqual([]);
  });

  it('compliant: read actions on `*` are not modification', async () => {
    expect(await run({ inline: { p: allow(['ec2:Describe*', 's3:GetObject']) } })).toEqual([]);
  });
});
