import type { EscalationMethod } from '../method.js';
import { putOwnPolicy, selfHits } from './self-edit.js';

/**
 * A role writes an inline policy granting everything on itself.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html
 */
export const iamPutRolePolicy: EscalationMethod = {
  id: 'iam-put-role-policy',
  table: 'A',
  needs: [['iam:PutRolePolicy']],
  detect: (c) =>
    c.node.kind === 'role'
      ? selfHits(c, [{ check: putOwnPolicy(c.node, c.attacker) }], 'write an inline policy on its own role')
      : [],
};
