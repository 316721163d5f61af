import { administratorAccessArn, type EscalationMethod } from '../method.js';
import { ownGroups, selfHits } from './self-edit.js';

/**
 * A user attaches AdministratorAccess to a group it belongs to.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachGroupPolicy.html
 */
export const iamAttachGroupPolicy: EscalationMethod = {
  id: 'iam-attach-group-policy',
  table: 'A',
  needs: [['iam:AttachGroupPolicy']],
  detect: (c) =>
    selfHits(
      c,
      ownGroups(c.node).map((g) => ({
        check: c.attacker.check('iam:AttachGroupPolicy', g.arn, {
          'iam:PolicyARN': administratorAccessArn(c.node.account.partition),
        }),
        via: g.arn,
      })),
      'attach AdministratorAccess to a group it belongs to',
    ),
};
