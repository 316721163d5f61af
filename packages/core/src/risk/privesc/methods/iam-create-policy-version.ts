import type { EscalationMethod } from '../method.js';
import { ownCustomerPolicies, selfHits } from './self-edit.js';

/**
 * The attacker writes a new default version of a customer managed policy attached to itself or to
 * its groups (`--set-as-default` needs no `iam:SetDefaultPolicyVersion`).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html
 */
export const iamCreatePolicyVersion: EscalationMethod = {
  id: 'iam-create-policy-version',
  table: 'A',
  needs: [['iam:CreatePolicyVersion']],
  detect: (c) =>
    selfHits(
      c,
      ownCustomerPolicies(c.node).map((arn) => ({
        check: c.attacker.check('iam:CreatePolicyVersion', arn),
        via: arn,
      })),
      'write a new default version of a policy attached to itself',
    ),
};
