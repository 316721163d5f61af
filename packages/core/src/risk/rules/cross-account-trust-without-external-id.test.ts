import { describe, expect, it } from 'vitest';
import { loadTools, riskSnapshot } from '../../testing/risk-snapshot.js';
import { createRiskContext } from '../risk-context.js';
import { crossAccountTrustWithoutExternalId } from './cross-account-trust-without-external-id.js';

async function run(statement: Record<string, unknown>) {
  const snapshot = riskSnapshot(
    {
      '444455556666': {
        roles: [
          {
            name: 'vendor',
            trust: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] },
          },
        ],
      },
      '777788889999': {},
    },
    {},
  );
  return crossAccountTrustWithoutExternalId.run(createRiskContext(snapshot, await loadTools()));
}

// https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
describe('cross-account-trust-without-external-id', () => {
  it('noncompliant 1: an outside account trusted with no condition', async () => {
    expect(await run({ Principal: { AWS: 'arn:aws:iam::384756102938:root' } })).toEqual([
      expect.objectContaining({
        principal: 'arn:aws:iam::384756102938:root',
        resource: 'arn:aws:iam::444455556666:role/vendor',
        severity: 'high',
        conditional: false,
      }),
    ]);
  });

  it('noncompliant 2: a role of the outside account, with a condition that does not restrict the caller', async () => {
    const findings = await run({
      Principal: { AWS: 'arn:aws:iam::384756102938:role/integration' },
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.conditional).toBe(true);
  });

  it('compliant: the vendor must give the external id', async () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
    expect(
      await run({
        Principal: { AWS: 'arn:aws:iam::384756102938:root' },
        Condition: { StringEquals: { 'sts:ExternalId': 'x-123' } },
      }),
    ).toEqual([]);
  });

  it('compliant: a trust inside the organisation is not a third-party trust', async () => {
    expect(await run({ Principal: { AWS: 'arn:aws:iam::777788889999:root' } })).toEqual([]);
  });

  it('compliant (trap): a Deny statement in the trust policy itself', async () => {
    const snapshot = riskSnapshot({
      '444455556666': {
        roles: [
          {
            name: 'vendor',
            trust: {
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: 'arn:aws:iam::384756102938:root' },
                  Action: 'sts:AssumeRole',
                },
                {
                  Effect: 'Deny',
                  Principal: { AWS: 'arn:aws:iam::384756102938:root' },
                  Action: 'sts:AssumeRole',
                },
              ],
            },
          },
        ],
      },
    });
    expect(crossAccountTrustWithoutExternalId.run(createRiskContext(snapshot, await loadTools()))).toEqual(
      [],
    );
  });
});
