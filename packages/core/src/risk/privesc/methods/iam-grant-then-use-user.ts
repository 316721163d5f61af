import { administratorAccessArn, type EscalationMethod } from '../method.js';
import { allOf, anyOf } from '../principal-checker.js';
import { firstTarget, otherPrincipals } from './targets.js';

/**
 * The attacker gives another user everything, then creates an access key for it. One target is
 * enough: the attacker ends administrator-equivalent whatever the user held.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachUserPolicy.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html
 */
export const iamGrantThenUseUser: EscalationMethod = {
  id: 'iam-grant-then-use-user',
  table: 'B',
  needs: [
    ['iam:AttachUserPolicy', 'iam:CreateAccessKey'],
    ['iam:PutUserPolicy', 'iam:CreateAccessKey'],
  ],
  detect: (c) => {
    const found = firstTarget(
      otherPrincipals(c, 'user', [
        ['iam:CreateAccessKey', 'iam:PutUserPolicy'],
        ['iam:CreateAccessKey', 'iam:AttachUserPolicy'],
      ]),
      (user) =>
        allOf([
          anyOf([
            c.attacker.check('iam:AttachUserPolicy', user.arn, {
              'iam:PolicyARN': administratorAccessArn(user.account.partition),
            }),
            c.attacker.check('iam:PutUserPolicy', user.arn),
          ]),
          c.attacker.check('iam:CreateAccessKey', user.arn),
        ]),
    );
    if (!found) return [];
    return [
      {
        to: found.target.arn,
        check: found.check,
        grantsAdmin: true,
        description: `give user ${found.target.name} everything, then create an access key for it`,
      },
    ];
  },
};
