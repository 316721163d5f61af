import type { EscalationMethod } from '../method.js';
import { ownCustomerPolicies } from './self-edit.js';

/**
 * The attacker makes an older version of a policy attached to itself the default. The snapshot
 * keeps only default versions (the others take no part in decisions), so this is reported as
 * possible: it escalates if a stored non-default version is more permissive.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_SetDefaultPolicyVersion.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
 */
export const iamSetDefaultPolicyVersion: EscalationMethod = {
  id: 'iam-set-default-policy-version',
  table: 'A',
  needs: [['iam:SetDefaultPolicyVersion']],
  detect: (c) =>
    ownCustomerPolicies(c.node)
      .map((arn) => ({ arn, check: c.attacker.check('iam:SetDefaultPolicyVersion', arn) }))
      .filter((f) => f.check.outcome !== 'Denied')
      .map((f) => ({
        to: c.node.arn,
        check: f.check,
        grantsAdmin: false,
        via: f.arn,
        possible: true,
        description: 'make a more permissive stored version of a policy attached to itself the default',
      })),
};
