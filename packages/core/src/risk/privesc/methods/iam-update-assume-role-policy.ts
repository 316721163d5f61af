import type { EscalationMethod, MethodHit } from '../method.js';
import { privilegedTargets } from './targets.js';

/**
 * The attacker rewrites a role's trust policy to name itself, then assumes the role; in the same
 * account the trust policy alone allows that, with no `sts:AssumeRole` in its identity policies.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 */
export const iamUpdateAssumeRolePolicy: EscalationMethod = {
  id: 'iam-update-assume-role-policy',
  table: 'B',
  needs: [['iam:UpdateAssumeRolePolicy']],
  detect: (c) => {
    const hits: MethodHit[] = [];
    for (const role of privilegedTargets(c, 'role', 'iam:UpdateAssumeRolePolicy')) {
      const check = c.attacker.check('iam:UpdateAssumeRolePolicy', role.arn);
      if (check.outcome !== 'Denied')
        hits.push({
          to: role.arn,
          check,
          grantsAdmin: false,
          description: `rewrite the trust policy of role ${role.name} and assume it`,
        });
    }
    return hits;
  },
};
