import type { NamedPolicyInput } from '../../../evaluate/types.js';
import type { EscalationMethod, MethodHit } from '../method.js';
import { allOf } from '../principal-checker.js';
import { ownGroups, ownPolicyEdit } from './self-edit.js';

/**
 * The attacker deletes or detaches the policy whose Deny stops it from rewriting its own
 * permissions. Reported only when that Deny is what stands in the way: without the policy, one of
 * the table A edits is allowed.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_DetachRolePolicy.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePolicy.html
 */
export const iamRemoveDeny: EscalationMethod = {
  id: 'iam-remove-deny',
  table: 'A',
  needs: [
    ['iam:DeleteRolePolicy'],
    ['iam:DeleteUserPolicy'],
    ['iam:DeleteGroupPolicy'],
    ['iam:DetachRolePolicy'],
    ['iam:DetachUserPolicy'],
    ['iam:DetachGroupPolicy'],
  ],
  detect: (c) => {
    // Nothing to remove when the attacker can already rewrite its permissions.
    if (ownPolicyEdit(c.node, c.attacker).outcome !== 'Denied') return [];
    const side = c.attacker.side;
    const kind = c.node.kind === 'role' ? 'Role' : 'User';
    const owners = [
      { label: `${c.node.kind}/${c.node.name}`, arn: c.node.arn, kind, entity: c.node.role ?? c.node.user },
      ...ownGroups(c.node).map((g) => ({ label: `group/${g.name}`, arn: g.arn, kind: 'Group', entity: g })),
    ];
    const hits: MethodHit[] = [];
    for (const owner of owners) {
      const removals = [
        ...(owner.entity?.inlinePolicies ?? []).map((p) => ({
          name: `${owner.label}#${p.name}`,
          action: `iam:Delete${owner.kind}Policy`,
          context: {},
        })),
        ...(owner.entity?.attachedPolicies ?? []).map((p) => ({
          name: p.arn,
          action: `iam:Detach${owner.kind}Policy`,
          context: { 'iam:PolicyARN': p.arn },
        })),
      ];
      for (const removal of removals) {
        const named = side.identityPolicies.filter((p) => p.name === removal.name);
        if (named.length !== 1 || !hasDeny(c.env.parse((named[0] as NamedPolicyInput).policy))) continue;
        const remove = c.attacker.check(removal.action, owner.arn, removal.context);
        if (remove.outcome === 'Denied') continue;
        const without = c.attacker.withSide({
          ...side,
          identityPolicies: side.identityPolicies.filter((p) => p.name !== removal.name),
        });
        const edit = ownPolicyEdit(c.node, without);
        if (edit.outcome === 'Denied') continue;
        hits.push({
          to: c.node.arn,
          check: allOf([remove, edit]),
          grantsAdmin: c.selfEditUnbounded(),
          via: removal.name,
          description: `remove the policy ${removal.name} whose Deny limits it, then rewrite its own permissions`,
        });
      }
    }
    return hits;
  },
};

function hasDeny(
  policy: { readonly statements: readonly { readonly effect: string }[] } | undefined,
): boolean {
  return (policy?.statements ?? []).some((s) => s.effect === 'Deny');
}
