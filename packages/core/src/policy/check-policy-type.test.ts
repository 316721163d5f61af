import { describe, expect, it } from 'vitest';
import { checkPolicyType } from './check-policy-type.js';
import { parsePolicy } from './parse-policy.js';
import type { PolicyType } from './types.js';

const statement = (extra: Record<string, unknown>) => {
  const parsed = parsePolicy({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', ...extra }],
  });
  if (!parsed.ok) throw new Error('fixture does not parse');
  return parsed.value;
};

describe('checkPolicyType', () => {
  it.each<[string, PolicyType, Record<string, unknown>, string | undefined]>([
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
    [
      'identity policy naming a principal',
      'identity',
      { Principal: '*', Resource: '*' },
      'Statement[0].Principal',
    ],
    [
      'boundary naming a principal',
      'permissionBoundary',
      { NotPrincipal: { AWS: '1' }, Resource: '*' },
      'Statement[0].NotPrincipal',
    ],
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
    ['identity policy without a resource', 'identity', {}, 'Statement[0]'],
    ['session policy without a resource', 'session', {}, 'Statement[0]'],
    ['scp without a resource', 'scp', {}, 'Statement[0]'],
    ['resource policy without a principal', 'resource', { Resource: '*' }, 'Statement[0]'],
    [
      'trust policy with a principal and no resource',
      'resource',
      { Principal: { Service: 'ec2.amazonaws.com' } },
      undefined,
    ],
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
    ['rcp with Principal *', 'rcp', { Principal: '*', Resource: '*' }, undefined],
    ['rcp naming an account', 'rcp', { Principal: { AWS: '111122223333' }, Resource: '*' }, 'Statement[0]'],
    ['rcp without a principal', 'rcp', { Resource: '*' }, 'Statement[0]'],
    ['identity policy with NotResource', 'identity', { NotResource: 'arn:aws:s3:::b' }, undefined],
  ])('%s', (_name, type, extra, path) => {
    const diagnostics = checkPolicyType(statement(extra), type, '');
    if (path === undefined) expect(diagnostics).toEqual([]);
    else expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'policy.invalid', path }));
  });
});
