import type { Reason } from '../../evaluate/types.js';
import type { Finding } from '../finding.js';

/**
 * The table of `reference/privilege-escalation.md` a method belongs to: A edits one's own
 * permissions, B takes over another principal, C passes a role to new compute, D hijacks a
 * resource that already runs as a role.
 */
export type MethodTable = 'A' | 'B' | 'C' | 'D';

/** What the engine says of one permission the attacker needs, three-valued. */
export type Outcome = 'Allowed' | 'Conditional' | 'Denied';

/** One permission (or several, combined) decided with every policy of the snapshot. */
export interface PermissionCheck {
  readonly outcome: Outcome;
  /** The actions the check is about, as the catalog spells them. */
  readonly actions: readonly string[];
  /** The unknown context keys a `Conditional` outcome depends on, sorted. */
  readonly keys: readonly string[];
  /** The statements that allow (for `Allowed` and `Conditional`). */
  readonly reasons: readonly Reason[];
}

/**
 * One edge of the escalation graph: `from` can become `to` (or, when `grantsAdmin`, can make
 * itself administrator-equivalent, `to` being itself or the principal it grants to and then uses).
 */
export interface EscalationEdge {
  readonly from: string;
  /** A principal ARN; `from` itself for the methods that edit one's own permissions. */
  readonly to: string;
  /** A method id of `reference/privilege-escalation.md`. */
  readonly method: string;
  /** The permissions the hop uses, sorted. */
  readonly actions: readonly string[];
  /** The statements that grant them, each once. */
  readonly reasons: readonly Reason[];
  /** Whether the hop depends on conditions the snapshot cannot decide. */
  readonly conditional: boolean;
  /** The unknown context keys it depends on, sorted. */
  readonly conditionKeys: readonly string[];
  /** Whether taking the hop makes `from` administrator-equivalent whatever `to` holds now. */
  readonly grantsAdmin: boolean;
  /** The resource acted on, when it is not `to` itself: a policy, group, function, stack... */
  readonly via?: string;
  /** A plain-language description of the hop, for messages and playbooks. */
  readonly description: string;
}

/** A principal that is administrator-equivalent on its own, and the method that makes it so. */
export interface AdminEquivalent {
  readonly principal: string;
  readonly method: string;
  readonly conditional: boolean;
}

/** A path of two or more hops from a principal to an administrator-equivalent one. */
export interface EscalationPath {
  readonly principal: string;
  readonly hops: readonly EscalationEdge[];
  readonly conditional: boolean;
}

/** The privilege-escalation analysis of a snapshot. */
export interface EscalationAnalysis {
  /** Sorted by principal, then method, then resource. */
  readonly findings: readonly Finding[];
  /** "A can become B", sorted by `from`, `to`, `method`. */
  readonly edges: readonly EscalationEdge[];
  /** Principals that are administrator-equivalent by themselves, sorted by ARN. */
  readonly adminEquivalent: readonly AdminEquivalent[];
  /** Shortest multi-hop paths to an administrator-equivalent principal, sorted by principal. */
  readonly paths: readonly EscalationPath[];
}
