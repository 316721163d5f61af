import { type EvaluationOptions, evaluateRequest, type PolicySet } from './evaluate-request.js';
import type { EvaluationRequest } from './request.js';
import type { EvaluationResult } from './types.js';

/**
 * Keys AWS sets only when an AWS service principal calls on behalf of a resource: for any other
 * caller they are certainly absent, not unknown ("the `aws:SourceAccount` condition key is only
 * available when the call to your resource is made directly by an AWS service principal").
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount
 */
const serviceOnlyKeys: ReadonlySet<string> = new Set([
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
]);

/** What analysis can say of a request whose context is only partly known. */
export interface UnknownsDecision {
  /**
   * `Allowed`: allowed whatever the unknown keys turn out to be. `Denied`: denied whatever they are.
   * `Conditional`: allowed for some values of `keys` and denied for others.
   */
  readonly outcome: 'Allowed' | 'Denied' | 'Conditional';
  /** The unknown context keys the decision depends on (empty unless `Conditional`), sorted. */
  readonly keys: readonly string[];
  /**
   * The evaluation taking every unknown condition the way that grants most: its reasons are the
   * statements that allow (for `Allowed` and `Conditional`) or the Deny that wins for certain.
   */
  readonly result: EvaluationResult;
}

/**
 * Decides a request whose context lacks keys that a real request could carry, as analysis of
 * what a principal *can* do must: conditions on such keys are neither true nor false.
 *
 * The request is evaluated twice. In the permissive pass every statement that reads an unknown key
 * takes the value that grants most (an Allow matches, a Deny does not); in the restrictive pass the
 * value that grants least. If the permissive pass does not allow, no context can: `Denied`. If the
 * restrictive pass allows, every context does: `Allowed`. Otherwise the outcome is `Conditional`
 * on the unknown keys: never dropped, never counted as certain. The bound is sound (it never calls
 * a conditional request certain), and it is exact where the unknown keys are independent.
 * A request with no unknown key is decided by one pass, exactly as {@link evaluateRequest} does.
 * For callers other than service principals, the keys only services carry (`aws:SourceArn`,
 * `aws:SourceAccount`, ...) are absent, not unknown.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
export function decideWithUnknowns(
  set: PolicySet,
  request: EvaluationRequest,
  options: EvaluationOptions,
): UnknownsDecision {
  const absentKeys = request.principal.kind === 'service' ? undefined : serviceOnlyKeys;
  const permissive = evaluateRequest(set, request, {
    ...options,
    unknownContext: 'permissive',
    ...(absentKeys ? { absentKeys } : {}),
  });
  if (permissive.decision !== 'Allowed') return { outcome: 'Denied', keys: [], result: permissive };
  if (permissive.missingContextKeys.length === 0) return { outcome: 'Allowed', keys: [], result: permissive };
  const restrictive = evaluateRequest(set, request, {
    ...options,
    unknownContext: 'restrictive',
    ...(absentKeys ? { absentKeys } : {}),
  });
  if (restrictive.decision === 'Allowed') return { outcome: 'Allowed', keys: [], result: permissive };
  // Report only the keys that are really unknown, not those known to be absent.
  const keys = permissive.missingContextKeys.filter((key) => !absentKeys?.has(key.toLowerCase()));
  return { outcome: 'Conditional', keys, result: permissive };
}
