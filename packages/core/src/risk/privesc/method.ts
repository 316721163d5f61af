import type { EscalationEnv, PrincipalNode } from './escalation-env.js';
import type { PrincipalChecker } from './principal-checker.js';
import type { MethodTable, PermissionCheck } from './types.js';

/** What a method found for one attacker: one way to become `to`, or administrator. */
export interface MethodHit {
  /** The principal the attacker becomes; the attacker itself for edits of its own permissions. */
  readonly to: string;
  readonly check: PermissionCheck;
  /** Whether the hit makes the attacker administrator-equivalent whatever `to` holds now. */
  readonly grantsAdmin: boolean;
  /** The resource acted on, when it is not `to`: a policy, group, function, stack... */
  readonly via?: string;
  /** Plain language: `pass role X to a new Lambda function and invoke it`. */
  readonly description: string;
  /**
   * The method works only if a resource the snapshot does not show exists (no inventory of that
   * type in the account, or a policy version the snapshot does not keep): reported at lower
   * severity, and no edge of the graph.
   */
  readonly possible?: boolean;
}

/** What a method's detection reads. */
export interface MethodContext {
  readonly env: EscalationEnv;
  readonly node: PrincipalNode;
  readonly attacker: PrincipalChecker;
  /** The roles the attacker can assume (`sts-assume-role`), computed once per attacker. */
  assumableRoles(): readonly { readonly role: PrincipalNode; readonly check: PermissionCheck }[];
  /** Whether `arn` is administrator-equivalent, or holds access the attacker lacks (see privilege-profile.ts). */
  isMorePrivileged(arn: string): boolean;
  /** Whether edits of its own policies give the attacker everything (no boundary that limits it). */
  selfEditUnbounded(): boolean;
}

/**
 * One privilege-escalation method of `reference/privilege-escalation.md`.
 *
 * @see https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
 */
export interface EscalationMethod {
  /** The reference's id, also the finding id. */
  readonly id: string;
  readonly table: MethodTable;
  /**
   * The permissions it needs as alternatives of conjunctions: `[[a, b], [c]]` is (a and b) or c.
   * An attacker none of whose Allow statements can grant one alternative is skipped unevaluated.
   * `iam:PassRole` is implied for table C.
   */
  readonly needs: readonly (readonly string[])[];
  /** Table C: the service principals the role is passed to. */
  readonly services?: readonly string[];
  /** Table D: the CloudFormation types of the resources it hijacks. */
  readonly resourceTypes?: readonly string[];
  /** Whether the method can work through a resource-based policy alone (a role trust policy). */
  readonly viaResourcePolicy?: boolean;
  detect(context: MethodContext): readonly MethodHit[];
}

/** The AWS managed policy an attacker attaches: `iam:PolicyARN` conditions are decided against it. */
export function administratorAccessArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/AdministratorAccess`;
}

/** Whether the attacker's Allow statements could grant one alternative of `needs` at all. */
export function mayNeed(method: EscalationMethod, attacker: PrincipalChecker): boolean {
  if (method.viaResourcePolicy) return true;
  if (method.table === 'C' && !attacker.has('iam:PassRole')) return false;
  return method.needs.some((all) => all.every((a) => attacker.has(a)));
}

/**
 * At most this many targets are evaluated per attacker and method: the ones the attacker's
 * `Resource` patterns match and that hold more access than it. Keeps the analysis linear in
 * principals on accounts with thousands of roles; the limit is reported in docs/findings.md.
 */
export const maxTargetsPerMethod = 200;
