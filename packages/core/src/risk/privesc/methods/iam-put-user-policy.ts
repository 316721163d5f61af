import type { EscalationMethod } from '../method.js';
import { putOwnPolicy, selfHits } from './self-edit.js';

/**
 * A user writes an inline policy granting everything on itself.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html
 */
export const iamPutUserPolicy: EscalationMethod = {
  id: 'iam-put-user-policy',
  table: 'A',
  needs: [['iam:PutUserPolicy']],
  detect: (c) =>
    c.node.kind === 'user'
      ? selfHits(c, [{ check: putOwnPolicy(c.node, c.attacker) }], 'write an inline policy on its own user')
      : [],
};
