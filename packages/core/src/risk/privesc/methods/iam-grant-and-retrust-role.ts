import type { EscalationMethod } from '../method.js';
import { allOf } from '../principal-checker.js';
import { firstTarget, grantToRole, otherPrincipals } from './targets.js';

/**
 * The attacker gives any role of its account everything and rewrites the role's trust policy to
 * name itself, then assumes it.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html
 */
export const iamGrantAndRetrustRole: EscalationMethod = {
  id: 'iam-grant-and-retrust-role',
  table: 'B',
  needs: [
    ['iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'],
    ['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'],
    ['iam:CreatePolicyVersion', 'iam:UpdateAssumeRolePolicy'],
  ],
  detect: (c) => {
    const found = firstTarget(otherPrincipals(c, 'role', [['iam:UpdateAssumeRolePolicy']]), (role) =>
      allOf([grantToRole(c.attacker, role), c.attacker.check('iam:UpdateAssumeRolePolicy', role.arn)]),
    );
    if (!found) return [];
    return [
      {
        to: found.target.arn,
        check: found.check,
        grantsAdmin: true,
        description: `give role ${found.target.name} everything and rewrite its trust policy to assume it`,
      },
    ];
  },
};
