import type { EscalationMethod } from '../method.js';
import { liftBoundaryHits } from './lift-boundary.js';

/**
 * The attacker deletes the permissions boundary that limits it.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePermissionsBoundary.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUserPermissionsBoundary.html
 */
export const iamDeletePermissionsBoundary: EscalationMethod = {
  id: 'iam-delete-permissions-boundary',
  table: 'A',
  needs: [['iam:DeleteRolePermissionsBoundary'], ['iam:DeleteUserPermissionsBoundary']],
  detect: (c) => {
    const action =
      c.node.kind === 'role' ? 'iam:DeleteRolePermissionsBoundary' : 'iam:DeleteUserPermissionsBoundary';
    return liftBoundaryHits(c, c.attacker.check(action, c.node.arn), 'delete');
  },
};
