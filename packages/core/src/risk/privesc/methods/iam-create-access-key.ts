import type { EscalationMethod, MethodHit } from '../method.js';
import { privilegedTargets } from './targets.js';

/**
 * Another user's access key signs requests as that user. (A user holds at most two keys; with two, `iam:DeleteAccessKey` is needed too, which the snapshot does not tell.)
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html
 */
export const iamCreateAccessKey: EscalationMethod = {
  id: 'iam-create-access-key',
  table: 'B',
  needs: [['iam:CreateAccessKey']],
  detect: (c) => {
    const hits: MethodHit[] = [];
    for (const user of privilegedTargets(c, 'user', 'iam:CreateAccessKey')) {
      const check = c.attacker.check('iam:CreateAccessKey', user.arn);
      if (check.outcome !== 'Denied')
        hits.push({
          to: user.arn,
          check,
          grantsAdmin: false,
          description: `create an access key for user ${user.name}`,
        });
    }
    return hits;
  },
};
