import { administratorAccessArn, type EscalationMethod } from '../method.js';
import { allOf, anyOf } from '../principal-checker.js';

/**
 * The attacker creates a role that trusts it, grants the role everything and assumes it. A
 * same-account trust policy that names the attacker's ARN lets it assume the role without an
 * identity-based permission. When a condition on `iam:PermissionsBoundary` demands a boundary for
 * new roles, the new role is limited by it and nothing is reported.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 */
export const iamCreateRoleAndGrant: EscalationMethod = {
  id: 'iam-create-role-and-grant',
  table: 'A',
  needs: [
    ['iam:CreateRole', 'iam:AttachRolePolicy'],
    ['iam:CreateRole', 'iam:PutRolePolicy'],
  ],
  detect: (c) => {
    const create = c.attacker.checkNew('iam:CreateRole');
    // A role created under a required boundary is limited by it: the delegated-administrator
    // pattern, not an escalation.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate
    if (create.keys.some((k) => k.toLowerCase() === 'iam:permissionsboundary')) return [];
    const check = allOf([
      create,
      anyOf([
        c.attacker.checkNew('iam:AttachRolePolicy', {
          'iam:PolicyARN': administratorAccessArn(c.node.account.partition),
        }),
        c.attacker.checkNew('iam:PutRolePolicy'),
      ]),
    ]);
    if (check.outcome === 'Denied') return [];
    return [
      {
        to: c.node.arn,
        check,
        grantsAdmin: true,
        description: 'create a role that trusts it, grant the role everything and assume it',
      },
    ];
  },
};
