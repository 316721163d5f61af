import type { EscalationMethod, MethodHit } from '../method.js';
import { allOf } from '../principal-checker.js';
import { privilegedTargets } from './targets.js';

/**
 * Another user's access key signs requests as that user. A user holds at most two access keys
 * (active or not): when the credential report shows two, `CreateAccessKey` fails with
 * `LimitExceeded` unless the attacker first deletes one, so `iam:DeleteAccessKey` is needed too.
 * Without a credential report the number of keys is unknown and only `iam:CreateAccessKey` counts.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteAccessKey.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
export const iamCreateAccessKey: EscalationMethod = {
  id: 'iam-create-access-key',
  table: 'B',
  needs: [['iam:CreateAccessKey']],
  detect: (c) => {
    const hits: MethodHit[] = [];
    for (const user of privilegedTargets(c, 'user', 'iam:CreateAccessKey')) {
      const create = c.attacker.check('iam:CreateAccessKey', user.arn);
      if (create.outcome === 'Denied') continue;
      const full = (c.env.credentialsOf(user.arn)?.accessKeys.length ?? 0) >= 2;
      const check = full ? allOf([create, c.attacker.check('iam:DeleteAccessKey', user.arn)]) : create;
      if (check.outcome !== 'Denied')
        hits.push({
          to: user.arn,
          check,
          grantsAdmin: false,
          description: full
            ? `delete one of the two access keys of user ${user.name} and create another`
            : `create an access key for user ${user.name}`,
        });
    }
    return hits;
  },
};
