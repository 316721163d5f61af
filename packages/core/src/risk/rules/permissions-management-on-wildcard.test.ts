import { describe, expect, it } from 'vitest';
import { loadTools, riskSnapshot, type TestRole } from '../../testing/risk-snapshot.js';
import { createRiskContext } from '../risk-context.js';
import { permissionsManagementOnWildcard } from './permissions-management-on-wildcard.js';

async function run(
  role: Omit<TestRole, 'name'>,
  extra: Parameters<typeof riskSnapshot>[0][string] = {},
  org?: Parameters<typeof riskSnapshot>[1],
) {
  const snapshot = riskSnapshot({ '111122223333': { roles: [{ name: 'ci', ...role }], ...extra } }, org);
  return permissionsManagementOnWildcard.run(createRiskContext(snapshot, await loadTools()));
}
const allow = (Action: unknown, Resource: unknown = '*') => ({
  Statement: [{ Effect: 'Allow', Action, Resource }],
});

// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html#actions_table
describe('permissions-management-on-wildcard', () => {
  it('noncompliant 1: iam:* on every resource', async () => {
    const findings = await run({ inline: { p: allow('iam:*') } });
    expect(findings).toEqual([
      expect.objectContaining({
        principal: 'arn:aws:iam::111122223333:role/ci',
        severity: 'critical',
        resource: '*',
        conditional: false,
      }),
    ]);
    expect(findings[0]?.message).toContain('iam:AttachRolePolicy');
  });

  it('noncompliant 2: s3:PutBucketPolicy on every bucket (arn:aws:s3:::*) is high, not critical', async () => {
    const findings = await run({ inline: { p: allow('s3:PutBucketPolicy', 'arn:aws:s3:::*') } });
    expect(findings).toEqual([expect.objectContaining({ severity: 'high' })]);
  });

  it('noncompliant 3: split across two policies of the role still counts (NotAction)', async () => {
    const findings = await run({
      inline: { p: { Statement: [{ Effect: 'Allow', NotAction: ['iam:CreateUser'], Resource: '*' }] } },
    });
    expect(findings).toHaveLength(1);
  });

  it("compliant: scoped to the application's roles", async () => {
    expect(
      await run({ inline: { p: allow('iam:PutRolePolicy', 'arn:aws:iam::111122223333:role/orders-*') } }),
    ).toEqual([]);
  });

  it('compliant (trap): a Deny in another policy', async () => {
    expect(
      await run(
        {
          inline: { p: allow('iam:*') },
          managed: ['arn:aws:iam::111122223333:policy/deny-iam-write'],
        },
        {
          policies: {
            'deny-iam-write': {
              Statement: [
                {
                  Effect: 'Deny',
                  Action: [
                    'iam:Put*',
                    'iam:Attach*',
                    'iam:Create*',
                    'iam:Update*',
                    'iam:Delete*',
                    'iam:Detach*',
                    'iam:Set*',
                    'iam:Add*',
                    'iam:Remove*',
                    'iam:Tag*',
                    'iam:Untag*',
                    'iam:PassRole',
                    'iam:Upload*',
                    'iam:Enable*',
                    'iam:Deactivate*',
                    'iam:Resync*',
                    'iam:Reset*',
                    'iam:Change*',
                    'iam:Generate*',
                  ],
                  Resource: '*',
                },
              ],
            },
          },
        },
      ),
    ).toEqual([]);
  });

  it('compliant (trap): an SCP that denies IAM changes', async () => {
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
    expect(
      await run(
        { inline: { p: allow('iam:*') } },
        {},
        { scps: [{ Statement: [{ Effect: 'Deny', NotAction: ['iam:Get*', 'iam:List*'], Resource: '*' }] }] },
      ),
    ).toEqual([]);
  });

  it('compliant (trap): a permissions boundary without the actions', async () => {
    expect(
      await run(
        { inline: { p: allow('iam:*') }, boundary: 'arn:aws:iam::111122223333:policy/boundary' },
        { policies: { boundary: allow(['s3:GetObject', 'iam:Get*']) } },
      ),
    ).toEqual([]);
  });

  it('conditional: allowed only with MFA', async () => {
    const findings = await run({
      inline: {
        p: {
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:*',
              Resource: '*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            },
          ],
        },
      },
    });
    expect(findings).toEqual([expect.objectContaining({ conditional: true })]);
  });
});
