import type { EscalationMethod } from '../method.js';
import { attachOwnPolicy, selfHits } from './self-edit.js';

/**
 * A role attaches AdministratorAccess to itself; an `iam:PolicyARN` condition is decided against
 * that policy's ARN.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_policyarn
 */
export const iamAttachRolePolicy: EscalationMethod = {
  id: 'iam-attach-role-policy',
  table: 'A',
  needs: [['iam:AttachRolePolicy']],
  detect: (c) =>
    c.node.kind === 'role'
      ? selfHits(
          c,
          [{ check: attachOwnPolicy(c.node, c.attacker) }],
          'attach AdministratorAccess to its own role',
        )
      : [],
};
