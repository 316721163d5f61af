import type { EscalationMethod } from '../method.js';
import { allOf } from '../principal-checker.js';
import type { PermissionCheck } from '../types.js';
import { firstTarget, grantToRole } from './targets.js';

/**
 * The attacker gives a role it can assume everything (attach, inline policy, or a new version of
 * a policy attached to it), then assumes it.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html
 * @see https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
export const iamGrantThenAssumeRole: EscalationMethod = {
  id: 'iam-grant-then-assume-role',
  table: 'B',
  needs: [['iam:AttachRolePolicy'], ['iam:PutRolePolicy'], ['iam:CreatePolicyVersion']],
  detect: (c) => {
    const assumable = c.assumableRoles();
    const checks = new Map(assumable.map((a) => [a.role.arn, a.check]));
    const found = firstTarget(
      assumable.map((a) => a.role),
      (role) => allOf([grantToRole(c.attacker, role), checks.get(role.arn) as PermissionCheck]),
    );
    if (!found) return [];
    return [
      {
        to: found.target.arn,
        check: found.check,
        grantsAdmin: true,
        description: `give role ${found.target.name}, which it can assume, everything, then assume it`,
      },
    ];
  },
};
