import { describe, expect, it } from 'vitest';
import { loadTools, riskSnapshot } from '../../testing/risk-snapshot.js';
import { createRiskContext, type RiskOptions } from '../risk-context.js';
import { externalAccountAccess } from './external-account-access.js';

const secret = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:token-AbCdEf';
const grant = (principal: string, extra: Record<string, unknown> = {}) => ({
  arn: secret,
  type: 'AWS::SecretsManager::Secret',
  policy: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
        ...extra,
      },
    ],
  },
});

async function run(resource: Record<string, unknown>, options: RiskOptions = {}, org = true) {
  const snapshot = riskSnapshot(
    { '111122223333': { resources: [resource] }, '444455556666': {} },
    org
      ? {
          rcps: [],
        }
      : undefined,
  );
  return externalAccountAccess.run(createRiskContext(snapshot, await loadTools(), options));
}

// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html
describe('external-account-access', () => {
  it('noncompliant 1: a secret readable by an account outside the organisation', async () => {
    const findings = await run(grant('arn:aws:iam::310987654321:root'));
    expect(findings).toEqual([
      expect.objectContaining({
        principal: 'arn:aws:iam::310987654321:root',
        resource: secret,
        severity: 'high',
        conditional: false,
      }),
    ]);
    expect(findings[0]?.message).toContain('secretsmanager:GetSecretValue');
  });

  it('noncompliant 2: a bare account id names the account too', async () => {
    expect(await run(grant('310987654321'))).toHaveLength(1);
  });

  it('noncompliant 3: a role of the outside account, whose own policies the snapshot cannot see', async () => {
    expect(await run(grant('arn:aws:iam::310987654321:role/build-agent'))).toEqual([
      expect.objectContaining({
        principal: 'arn:aws:iam::310987654321:role/build-agent',
        conditional: false,
      }),
    ]);
  });

  it('compliant: an account of the organisation', async () => {
    expect(await run(grant('arn:aws:iam::444455556666:root'))).toEqual([]);
  });

  it('compliant: an account listed as known', async () => {
    expect(await run(grant('arn:aws:iam::310987654321:root'), { knownAccounts: ['310987654321'] })).toEqual(
      [],
    );
  });

  it('compliant (trap): a grant limited to callers of the organisation by a condition', async () => {
    expect(
      await run(
        grant('arn:aws:iam::310987654321:root', {
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-test123456' } },
        }),
      ),
    ).toEqual([]);
  });

  it('compliant (trap): an RCP that denies identities outside the organisation cancels the grant', async () => {
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
    const snapshot = riskSnapshot(
      { '111122223333': { resources: [grant('arn:aws:iam::310987654321:root')] } },
      {
        rcps: [
          {
            Statement: [
              {
                Effect: 'Deny',
                Principal: '*',
                Action: 'secretsmanager:*',
                Resource: '*',
                Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-test123456' } },
              },
            ],
          },
        ],
      },
    );
    expect(externalAccountAccess.run(createRiskContext(snapshot, await loadTools()))).toEqual([]);
  });

  it('without an organisation, every account outside the snapshot is outside', async () => {
    expect(await run(grant('arn:aws:iam::444455556666:root'), {}, false)).toEqual([]);
    expect(await run(grant('arn:aws:iam::310987654321:root'), {}, false)).toHaveLength(1);
  });
});
