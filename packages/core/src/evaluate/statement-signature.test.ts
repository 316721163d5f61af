import { describe, expect, it } from 'vitest';
import { actionIdOf } from './action-ids.js';
import { compilePolicyDocument } from './compile-policy.js';
import type { PolicySet } from './evaluate-request.js';
import { statementSignature } from './statement-signature.js';

const compile = (statements: unknown[]) => {
  const result = compilePolicyDocument('p', { Version: '2012-10-17', Statement: statements });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
};

const set: PolicySet = {
  identity: [
    compile([
      { Effect: 'Allow', Action: 's3:Get*', Resource: '*' },
      { Effect: 'Deny', Action: 's3:GetObjectAcl', Resource: '*' },
    ]),
  ],
  boundaries: [],
  scps: [{ orgIdentifier: 'r-root', policies: [compile([{ Effect: 'Allow', Action: '*', Resource: '*' }])] }],
};
const sig = (action: string) => signatureOf(set, action);

function signatureOf(policies: PolicySet, action: string): string {
  const lower = action.toLowerCase();
  return statementSignature(policies, actionIdOf(lower), lower);
}

describe('statementSignature', () => {
  it('is the same for actions the same statements match', () => {
    expect(sig('s3:GetObject')).toBe(sig('s3:GetObjectVersion'));
  });

  it('differs when another statement matches, or none does', () => {
    expect(sig('s3:GetObjectAcl')).not.toBe(sig('s3:GetObject'));
    expect(sig('s3:PutObject')).not.toBe(sig('s3:GetObject'));
  });

  it('differs between services even when the same statements match', () => {
    const everything: PolicySet = {
      identity: [compile([{ Effect: 'Allow', Action: '*', Resource: '*' }])],
      boundaries: [],
    };
    expect(signatureOf(everything, 'kms:decrypt')).not.toBe(signatureOf(everything, 's3:getobject'));
  });

  // RCPs never restrict kms:RetireGrant, so it cannot share a class with other KMS actions.
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#actions-not-restricted-by-rcps
  it('keeps kms:RetireGrant apart from the other KMS actions', () => {
    const everything: PolicySet = {
      identity: [compile([{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }])],
      boundaries: [],
    };
    expect(signatureOf(everything, 'kms:retiregrant')).not.toBe(signatureOf(everything, 'kms:revokegrant'));
  });
});
