import type { CompiledPolicy, CompiledStatement } from './compile-policy.js';
import { isExcludedByNotPrincipal, matchPrincipal, type PrincipalMatch } from './principal-match.js';
import type { EvaluationRequest } from './request.js';
import type { PolicyType, Reason } from './types.js';

/** A statement that applies to the request. */
export interface StatementHit {
  readonly policyType: PolicyType;
  readonly policy: string;
  readonly statement: CompiledStatement;
  /** For resource policies: how the statement names the caller. */
  readonly match?: PrincipalMatch;
}

/** What the statements of a set of policies say about a request. */
export interface Hits {
  readonly allows: StatementHit[];
  readonly denies: StatementHit[];
}

/** Missing context keys, keyed by lowercased name, spelled as the policy spells them. */
export type MissingKeys = Map<string, string>;

/**
 * Collects the statements of `policies` that apply to the request: the action matches (memoised
 * per policy), the resource matches, the principal matches (resource policies only, when
 * `principalCheck` is set) and every condition holds. Keys that a matching statement reads but
 * the context lacks are added to `missing`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 */
export function collectHits(
  policyType: PolicyType,
  policies: readonly CompiledPolicy[],
  request: EvaluationRequest,
  missing: MissingKeys,
  options: {
    principalCheck?: boolean;
    hasBoundary?: boolean;
    policyName?: (policy: CompiledPolicy) => string;
  } = {},
  into: Hits = { allows: [], denies: [] },
): Hits {
  for (const policy of policies) {
    for (const statement of policy.statementsFor(request.actionLower)) {
      let match: PrincipalMatch | undefined;
      if (options.principalCheck) {
        if (statement.principal) {
          match = matchPrincipal(statement.principal, request);
          if (!match) continue;
        } else if (statement.notPrincipal) {
          // A Deny with NotPrincipal always denies a principal that has a permissions boundary.
          // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
          const boundaryTrap = statement.effect === 'Deny' && options.hasBoundary === true;
          if (!boundaryTrap && isExcludedByNotPrincipal(statement.notPrincipal, request)) continue;
          match = 'wildcard';
        } else {
          continue;
        }
      }
      if (!statementMatchesRequest(statement, request, missing)) continue;
      const hit: StatementHit = {
        policyType,
        policy: options.policyName ? options.policyName(policy) : policy.name,
        statement,
        ...(match ? { match } : {}),
      };
      (statement.effect === 'Deny' ? into.denies : into.allows).push(hit);
    }
  }
  return into;
}

/** Whether the resource and conditions of a statement (whose action already matched) hold. */
export function statementMatchesRequest(
  statement: CompiledStatement,
  request: EvaluationRequest,
  missing: MissingKeys,
): boolean {
  const context = request.context;
  if (statement.resource) {
    for (const key of statement.resource.keys)
      if (!context.has(key) && !missing.has(key)) missing.set(key, key);
    const matched = statement.resource.test(request.resource, context);
    if (matched === statement.notResource) return false;
  }
  const conditions = statement.conditions;
  for (const condition of conditions) {
    for (const key of condition.keys) {
      if (!context.has(key) && !missing.has(key)) {
        missing.set(key, key === condition.key.toLowerCase() ? condition.key : key);
      }
    }
  }
  for (const condition of conditions) if (!condition.test(context)) return false;
  return true;
}

/** Turns hits into the reasons of a result. */
export function toReasons(hits: readonly StatementHit[]): Reason[] {
  return hits.map((hit) => ({
    policyType: hit.policyType,
    policy: hit.policy,
    statement: hit.statement.index,
    ...(hit.statement.sid !== undefined ? { sid: hit.statement.sid } : {}),
    effect: hit.statement.effect,
  }));
}
