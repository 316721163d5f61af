import { administratorAccessArn, type EscalationMethod } from '../method.js';
import { liftBoundaryHits } from './lift-boundary.js';

/**
 * The attacker replaces the permissions boundary that limits it with one that allows everything
 * (AdministratorAccess); an `iam:PermissionsBoundary` condition is decided against that policy.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PermissionsBoundary
 */
export const iamPutPermissionsBoundary: EscalationMethod = {
  id: 'iam-put-permissions-boundary',
  table: 'A',
  needs: [['iam:PutRolePermissionsBoundary'], ['iam:PutUserPermissionsBoundary']],
  detect: (c) => {
    const action =
      c.node.kind === 'role' ? 'iam:PutRolePermissionsBoundary' : 'iam:PutUserPermissionsBoundary';
    const lift = c.attacker.check(action, c.node.arn, {
      'iam:PermissionsBoundary': administratorAccessArn(c.node.account.partition),
    });
    return liftBoundaryHits(c, lift, 'replace');
  },
};
