import type { EscalationMethod, MethodHit } from '../method.js';
import { privilegedTargets } from './targets.js';

/**
 * A console password for a user that has none lets the attacker sign in as it.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html
 */
export const iamCreateLoginProfile: EscalationMethod = {
  id: 'iam-create-login-profile',
  table: 'B',
  needs: [['iam:CreateLoginProfile']],
  detect: (c) => {
    const hits: MethodHit[] = [];
    for (const user of privilegedTargets(c, 'user', 'iam:CreateLoginProfile')) {
      const check = c.attacker.check('iam:CreateLoginProfile', user.arn);
      if (check.outcome !== 'Denied')
        hits.push({
          to: user.arn,
          check,
          grantsAdmin: false,
          description: `set a console password for user ${user.name}`,
        });
    }
    return hits;
  },
};
