import type { EscalationMethod, MethodHit } from '../method.js';
import { privilegedTargets } from './targets.js';

/**
 * A new console password for a user that has one lets the attacker sign in as it. When the
 * credential report shows the user has no password, `UpdateLoginProfile` fails with
 * `NoSuchEntity` (`iam-create-login-profile` is the method then): no hit.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateLoginProfile.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
export const iamUpdateLoginProfile: EscalationMethod = {
  id: 'iam-update-login-profile',
  table: 'B',
  needs: [['iam:UpdateLoginProfile']],
  detect: (c) => {
    const hits: MethodHit[] = [];
    for (const user of privilegedTargets(c, 'user', 'iam:UpdateLoginProfile')) {
      if (c.env.credentialsOf(user.arn)?.passwordEnabled === false) continue;
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
