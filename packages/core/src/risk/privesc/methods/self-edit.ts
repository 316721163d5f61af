/**
 * What the methods of table A share: the attacker's own entities (its user or role, its groups,
 * the customer managed policies attached to them) and the checks for editing them.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-attach-detach.html
 */
import type { Policy } from '../../../policy/types.js';
import type { Account, Group } from '../../../snapshot/model.js';
import type { PrincipalNode } from '../escalation-env.js';
import { administratorAccessArn, type MethodContext, type MethodHit } from '../method.js';
import { anyOf, type PrincipalChecker } from '../principal-checker.js';
import type { PermissionCheck } from '../types.js';

/** The groups a user belongs to (none for a role). */
export function ownGroups(node: PrincipalNode): readonly Group[] {
  const names = node.user?.groups ?? [];
  return node.account.groups.filter((g) => names.includes(g.name));
}

/** The customer managed policies attached to the attacker or its groups (AWS managed ones cannot be edited). */
export function ownCustomerPolicies(node: PrincipalNode): readonly string[] {
  const arns = new Set<string>();
  const entities = [node.user ?? node.role, ...ownGroups(node)];
  for (const entity of entities) for (const p of entity?.attachedPolicies ?? []) arns.add(p.arn);
  return node.account.managedPolicies.filter((p) => arns.has(p.arn) && !p.awsManaged).map((p) => p.arn);
}

/** `iam:PutRolePolicy` or `iam:PutUserPolicy` on the attacker itself. */
export function putOwnPolicy(node: PrincipalNode, checker: PrincipalChecker): PermissionCheck {
  return checker.check(node.kind === 'role' ? 'iam:PutRolePolicy' : 'iam:PutUserPolicy', node.arn);
}

/** `iam:AttachRolePolicy` or `iam:AttachUserPolicy` of AdministratorAccess on the attacker itself. */
export function attachOwnPolicy(node: PrincipalNode, checker: PrincipalChecker): PermissionCheck {
  return checker.check(node.kind === 'role' ? 'iam:AttachRolePolicy' : 'iam:AttachUserPolicy', node.arn, {
    'iam:PolicyARN': administratorAccessArn(node.account.partition),
  });
}

/** Every way the attacker can rewrite the identity policies that apply to it, the best of them. */
export function ownPolicyEdit(node: PrincipalNode, checker: PrincipalChecker): PermissionCheck {
  const admin = { 'iam:PolicyARN': administratorAccessArn(node.account.partition) };
  return anyOf([
    putOwnPolicy(node, checker),
    attachOwnPolicy(node, checker),
    ...ownGroups(node).flatMap((g) => [
      checker.check('iam:PutGroupPolicy', g.arn),
      checker.check('iam:AttachGroupPolicy', g.arn, admin),
    ]),
    ...ownCustomerPolicies(node).map((arn) => checker.check('iam:CreatePolicyVersion', arn)),
  ]);
}

/** Hits of a self method: the attacker becomes administrator unless a boundary limits it. */
export function selfHits(
  context: MethodContext,
  found: readonly { readonly check: PermissionCheck; readonly via?: string }[],
  description: string,
): MethodHit[] {
  return found
    .filter((f) => f.check.outcome !== 'Denied')
    .map((f) => ({
      to: context.node.arn,
      check: f.check,
      grantsAdmin: context.selfEditUnbounded(),
      ...(f.via !== undefined ? { via: f.via } : {}),
      description: context.selfEditUnbounded()
        ? description
        : `${description}, within its permissions boundary`,
    }));
}

/**
 * Whether policy documents hold an unconditional Allow of `*` (or, with `orIam`, `iam:*`) on `*`:
 * administrator equivalence read from the documents alone (for groups, which are not principals).
 */
export function grantsEverything(
  parse: (document: unknown) => Policy | undefined,
  documents: readonly unknown[],
  orIam = true,
): boolean {
  return documents.some((d) =>
    (parse(d)?.statements ?? []).some(
      (s) =>
        s.effect === 'Allow' &&
        s.conditions.length === 0 &&
        (s.action ?? []).some((a) => a === '*' || (orIam && a.toLowerCase() === 'iam:*')) &&
        (s.resource ?? []).includes('*'),
    ),
  );
}

/** The documents of a group's inline and attached policies. */
export function groupDocuments(account: Account, group: Group): unknown[] {
  const managed = new Map(account.managedPolicies.map((p) => [p.arn, p.document]));
  return [
    ...group.inlinePolicies.map((p) => p.document),
    ...group.attachedPolicies.map((p) => managed.get(p.arn)),
  ];
}
