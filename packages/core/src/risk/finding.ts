/**
 * A finding: something about the snapshot's access an engineer should look at (SPEC §3
 * `risks --format json`). Every analysis that reports risk (privilege escalation, exposure,
 * exfiltration, unused access, ...) speaks this one shape, so `risks`, SARIF, suppressions, the
 * scan report and the game-day playbook read them all alike.
 */

/** What kind of risk a finding is. */
export type FindingCategory =
  | 'privilege-escalation'
  | 'exposure'
  | 'exfiltration'
  | 'credentials-exposure'
  | 'infrastructure-modification'
  | 'permissions-management'
  | 'service-wildcard'
  | 'unused-access'
  | 'rule-error';

/** How bad it is, worst first. */
export type FindingSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Every severity, worst first: the order reports sort by and `--fail-on` compares with. */
export const SEVERITIES: readonly FindingSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** One hop of an escalation path: `from` can become (or gain the access of) `to` by `method`. */
export interface PathHop {
  readonly from: string;
  readonly to: string;
  /** A method id of `reference/privilege-escalation.md`. */
  readonly method: string;
  /** The permissions the hop uses. */
  readonly actions: readonly string[];
}

/** One finding (SPEC §3). */
export interface Finding {
  /**
   * The rule that found it: a method id of the privilege-escalation reference for escalation,
   * otherwise the id of the rule file (`public-resource-policy`, `unused-role`, ...). Suppressions
   * match on (id, principal, resource).
   */
  readonly id: string;
  readonly category: FindingCategory;
  readonly severity: FindingSeverity;
  /** The principal ARN the finding is about (for exposure, the principal granted access, or `*`). */
  readonly principal: string;
  readonly resource?: string;
  /** For privilege escalation: the method id. */
  readonly method?: string;
  /** For multi-hop escalation: each hop, in order. */
  readonly path?: readonly PathHop[];
  /** Whether the finding depends on conditions the snapshot cannot decide. */
  readonly conditional: boolean;
  /** One line in plain language; AWS-sourced strings in it are raw (renderers escape them). */
  readonly message: string;
}

/** Whether severity `a` is at least as bad as `b`. */
export function isAtLeast(a: FindingSeverity, b: FindingSeverity): boolean {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b);
}
