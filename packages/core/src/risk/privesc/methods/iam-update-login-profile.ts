import type { EscalationMethod, MethodHit } from '../method.js';
import { privilegedTargets } from './targets.js';

/**
 * A new console password for a user that has one lets the attacker sign in as it.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateLoginProfile.html
 */
export const iamUpdateLoginProfile: EscalationMethod = {
  id: 'iam-update-login-profile',
  table: 'B',
  needs: [['iam:UpdateLoginProfile']],
  detect: (c) => {
    const hits: MethodHit[] = [];
    for (const user of privilegedTargets(c, 'user', 'iam:UpdateLoginProfile')) {
      const check = c.attacker.check('iam:UpdateLoginProfile', user.arn);
      if (check.outcome !== 'Denied')
        hits.push({
          to: user.arn,
          check,
          grantsAdmin: false,
          description: `change the console password of user ${user.name}`,
        });
    }
    return hits;
  },
};
