import { describe, expect, it } from 'vitest';
import { loadTools, riskSnapshot } from '../../testing/risk-snapshot.js';
import { createRiskContext } from '../risk-context.js';
import { oidcTrustWithoutSubject } from './oidc-trust-without-subject.js';

const provider = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

async function run(condition: Record<string, unknown> | undefined) {
  const statement = {
    Effect: 'Allow',
    Principal: { Federated: provider },
    Action: 'sts:AssumeRoleWithWebIdentity',
    ...(condition ? { Condition: condition } : {}),
  };
  const snapshot = riskSnapshot({
    '111122223333': { roles: [{ name: 'deploy', trust: { Statement: [statement] } }] },
  });
  return oidcTrustWithoutSubject.run(createRiskContext(snapshot, await loadTools()));
}

const aud = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };

// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub
describe('oidc-trust-without-subject', () => {
  it('noncompliant 1: only the audience is checked, so any repository assumes the role', async () => {
    expect(await run({ StringEquals: aud })).toEqual([
      expect.objectContaining({
        principal: provider,
        resource: 'arn:aws:iam::111122223333:role/deploy',
        severity: 'critical',
        conditional: false,
      }),
    ]);
  });

  it('noncompliant 2: no condition at all', async () => {
    expect(await run(undefined)).toHaveLength(1);
  });

  it('compliant: the subject is pinned to one repository and environment', async () => {
    expect(
      await run({
        StringEquals: aud,
        StringLike: {
          'token.actions.githubusercontent.com:sub': 'repo:northwind/orders-service:environment:production',
        },
      }),
    ).toEqual([]);
  });

  it("compliant: GitHub's repository claim restricts the subject too", async () => {
    expect(
      await run({
        StringEquals: {
          ...aud,
          'token.actions.githubusercontent.com:repository': 'northwind/orders-service',
        },
      }),
    ).toEqual([]);
  });

  it('compliant (trap): a Deny for every web identity in the trust policy', async () => {
    const snapshot = riskSnapshot({
      '111122223333': {
        roles: [
          {
            name: 'deploy',
            trust: {
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Federated: provider },
                  Action: 'sts:AssumeRoleWithWebIdentity',
                },
                {
                  Effect: 'Deny',
                  Principal: { Federated: provider },
                  Action: 'sts:AssumeRoleWithWebIdentity',
                },
              ],
            },
          },
        ],
      },
    });
    expect(oidcTrustWithoutSubject.run(createRiskContext(snapshot, await loadTools()))).toEqual([]);
  });
});
