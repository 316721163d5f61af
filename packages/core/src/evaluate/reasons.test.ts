import { describe, expect, it } from 'vitest';
import { compilePolicyDocument } from './compile-policy.js';
import { type CompiledOrgLevel, evaluateRequest, type PolicySet } from './evaluate-request.js';
import { buildRequest } from './request.js';

// Reasons are made once per statement and organization level, then reused: a short list per
// statement for the first levels, a map past them. `FullAWSAccess` is attached at every level, and
// each level must be named in its reason.
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
const options = { supportsRcp: () => true };

function compiled(name: string, statement: object) {
  const result = compilePolicyDocument(name, { Version: '2012-10-17', Statement: [statement] });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

const request = (() => {
  const built = buildRequest({
    principal: 'arn:aws:iam::111122223333:user/alice',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::orders/x',
  });
  if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
  return built.value;
})();

const fullAccess = compiled('FullAWSAccess', { Effect: 'Allow', Action: '*', Resource: '*' });
const allowAll = compiled('AllowAll', { Effect: 'Allow', Action: '*', Resource: '*' });
const denyGet = compiled('DenyGet', { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' });

const levels = (count: number): CompiledOrgLevel[] =>
  Array.from({ length: count }, (_, i) => ({ orgIdentifier: `ou-${i}`, policies: [fullAccess] }));

describe('reasons per organization level', () => {
  it.each([3, 20])('names each of %i levels, on first and later decisions', (count) => {
    const set: PolicySet = { identity: [allowAll], boundaries: [], scps: levels(count) };
    const expected = [
      ...Array.from({ length: count }, (_, i) => ({
        policyType: 'scp',
        policy: `ou-${i}/FullAWSAccess`,
        statement: 0,
        effect: 'Allow',
      })),
      { policyType: 'identity', policy: 'AllowAll', statement: 0, effect: 'Allow' },
    ];
    for (let round = 0; round < 3; round++) {
      const result = evaluateRequest(set, request, options);
      expect(result.decision).toBe('Allowed');
      expect(result.reasons).toEqual(expected);
    }
  });

  it('keeps the policy type apart when one policy is an SCP and an RCP at the same level', () => {
    const level = [{ orgIdentifier: 'r-root', policies: [denyGet] }];
    const asScp: PolicySet = { identity: [allowAll], boundaries: [], scps: level };
    const asRcp: PolicySet = { identity: [allowAll], boundaries: [], rcps: level };
    for (let round = 0; round < 2; round++) {
      expect(evaluateRequest(asScp, request, options).reasons).toEqual([
        { policyType: 'scp', policy: 'r-root/DenyGet', statement: 0, effect: 'Deny' },
      ]);
      expect(evaluateRequest(asRcp, request, options).reasons).toEqual([
        { policyType: 'rcp', policy: 'r-root/DenyGet', statement: 0, effect: 'Deny' },
      ]);
    }
  });
});
