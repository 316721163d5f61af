import type { EscalationMethod } from '../method.js';
import { attachOwnPolicy, selfHits } from './self-edit.js';

/**
 * A user attaches AdministratorAccess to itself; an `iam:PolicyARN` condition is decided against
 * that policy's ARN.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachUserPolicy.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_policyarn
 */
export const iamAttachUserPolicy: EscalationMethod = {
  id: 'iam-attach-user-policy',
  table: 'A',
  needs: [['iam:AttachUserPolicy']],
  detect: (c) =>
    c.node.kind === 'user'
      ? selfHits(
          c,
          [{ check: attachOwnPolicy(c.node, c.attacker) }],
          'attach AdministratorAccess to its own user',
        )
      : [],
};
