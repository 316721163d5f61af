import type { EscalationMethod } from '../method.js';

/**
 * The attacker assumes a role whose trust policy allows it. Across accounts both the identity
 * policy and the trust policy must allow; in the same account a trust policy that names the
 * attacker's ARN is enough on its own, while one that names the account needs the identity
 * permission too.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html
 */
export const stsAssumeRole: EscalationMethod = {
  id: 'sts-assume-role',
  table: 'B',
  needs: [['sts:AssumeRole']],
  viaResourcePolicy: true,
  detect: (c) =>
    c.assumableRoles().map(({ role, check }) => ({
      to: role.arn,
      check,
      grantsAdmin: false,
      description: `assume role ${role.name}`,
    })),
};
