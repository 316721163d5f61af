/**
 * What `iam-delete-permissions-boundary` and `iam-put-permissions-boundary` share: once the
 * attacker's boundary is gone (or replaced by one that allows everything), can it rewrite its own
 * permissions?
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
import type { MethodContext, MethodHit } from '../method.js';
import { allOf } from '../principal-checker.js';
import type { PermissionCheck } from '../types.js';
import { ownPolicyEdit } from './self-edit.js';

/** The hit for lifting the attacker's boundary with `lift` (already checked). */
export function liftBoundaryHits(context: MethodContext, lift: PermissionCheck, how: string): MethodHit[] {
  const boundary = (context.node.role ?? context.node.user)?.permissionsBoundary;
  if (boundary === undefined || context.selfEditUnbounded() || lift.outcome === 'Denied') return [];
  const unbounded = context.attacker.withSide({ ...context.attacker.side, permissionBoundaries: [] });
  const edit = ownPolicyEdit(context.node, unbounded);
  const grantsAdmin = edit.outcome !== 'Denied';
  return [
    {
      to: context.node.arn,
      check: grantsAdmin ? allOf([lift, edit]) : lift,
      grantsAdmin,
      via: boundary,
      description: grantsAdmin
        ? `${how} its own permissions boundary, then rewrite its own permissions`
        : `${how} its own permissions boundary, gaining what its policies allow beyond it`,
    },
  ];
}
