/**
 * Targets of the methods that act on another principal, bounded: at most
 * `maxTargetsPerMethod` per attacker and method, so no attacker is compared with every principal
 * of a large account one by one.
 */
import type { PrincipalNode } from '../escalation-env.js';
import { administratorAccessArn, type MethodContext, maxTargetsPerMethod } from '../method.js';
import { anyOf, better, type PrincipalChecker } from '../principal-checker.js';
import type { PermissionCheck } from '../types.js';

/**
 * Users or roles of the attacker's account on which its policies could allow `action` and that
 * hold more access than it (see `isMorePrivileged`).
 */
export function privilegedTargets(
  context: MethodContext,
  kind: 'user' | 'role',
  action: string,
): readonly PrincipalNode[] {
  const out: PrincipalNode[] = [];
  for (const p of context.env.principalsOf(context.node.account.id, kind)) {
    if (p.arn === context.node.arn || !context.attacker.mayAllowOn(action, p.arn)) continue;
    if (!context.isMorePrivileged(p.arn)) continue;
    out.push(p);
    if (out.length >= maxTargetsPerMethod) break;
  }
  return out;
}

/** Users or roles of the attacker's account other than itself, whatever they hold, on which its policies could allow every one of `actions`. */
export function otherPrincipals(
  context: MethodContext,
  kind: 'user' | 'role',
  actions: readonly (readonly string[])[],
): readonly PrincipalNode[] {
  const out: PrincipalNode[] = [];
  for (const p of context.env.principalsOf(context.node.account.id, kind)) {
    if (p.arn === context.node.arn) continue;
    if (!actions.some((all) => all.every((a) => context.attacker.mayAllowOn(a, p.arn)))) continue;
    out.push(p);
    if (out.length >= maxTargetsPerMethod) break;
  }
  return out;
}

/**
 * Every way to give a role everything: attach AdministratorAccess, write an inline policy, or
 * write a new default version of a customer managed policy attached to it.
 */
export function grantToRole(attacker: PrincipalChecker, role: PrincipalNode): PermissionCheck {
  const attached = new Set((role.role?.attachedPolicies ?? []).map((p) => p.arn));
  return anyOf([
    attacker.check('iam:AttachRolePolicy', role.arn, {
      'iam:PolicyARN': administratorAccessArn(role.account.partition),
    }),
    attacker.check('iam:PutRolePolicy', role.arn),
    ...role.account.managedPolicies
      .filter((p) => attached.has(p.arn) && !p.awsManaged)
      .map((p) => attacker.check('iam:CreatePolicyVersion', p.arn)),
  ]);
}

/** The first target (by ARN) for which `check` is allowed, else the first conditional one. */
export function firstTarget(
  targets: readonly PrincipalNode[],
  check: (target: PrincipalNode) => PermissionCheck,
): { readonly target: PrincipalNode; readonly check: PermissionCheck } | undefined {
  let found: { target: PrincipalNode; check: PermissionCheck } | undefined;
  for (const target of targets) {
    const result = check(target);
    if (result.outcome === 'Denied') continue;
    if (!found || better(found.check, result) !== found.check) found = { target, check: result };
    if (result.outcome === 'Allowed') break;
  }
  return found;
}
