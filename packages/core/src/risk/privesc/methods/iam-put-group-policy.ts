import type { EscalationMethod } from '../method.js';
import { ownGroups, selfHits } from './self-edit.js';

/**
 * A user writes an inline policy granting everything on a group it belongs to.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutGroupPolicy.html
 */
export const iamPutGroupPolicy: EscalationMethod = {
  id: 'iam-put-group-policy',
  table: 'A',
  needs: [['iam:PutGroupPolicy']],
  detect: (c) =>
    selfHits(
      c,
      ownGroups(c.node).map((g) => ({ check: c.attacker.check('iam:PutGroupPolicy', g.arn), via: g.arn })),
      'write an inline policy on a group it belongs to',
    ),
};
