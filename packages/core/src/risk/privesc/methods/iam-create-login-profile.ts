import type { EscalationMethod, MethodHit } from '../method.js';
import { privilegedTargets } from './targets.js';

/**
 * A console password for a user that has none lets the attacker sign in as it. When the credential
 * report shows the user already has a password, `CreateLoginProfile` fails with
 * `EntityAlreadyExists` (`iam-update-login-profile` is the method then): no hit.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
export const iamCreateLoginProfile: EscalationMethod = {
  id: 'iam-create-login-profile',
  table: 'B',
  needs: [['iam:CreateLoginProfile']],
  detect: (c) => {
    const hits: MethodHit[] = [];
    for (const user of privilegedTargets(c, 'user', 'iam:CreateLoginProfile')) {
      if (c.env.credentialsOf(user.arn)?.passwordEnabled === true) continue;
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
