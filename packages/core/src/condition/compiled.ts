import type { RequestContext } from './context.js';

/**
 * A condition test compiled once per policy and run once per request.
 *
 * `keys` are the lowercased context keys the test reads: the condition key itself and every
 * key named by a policy variable in its values. The evaluator reports the ones absent from the
 * request context as `missingContextKeys`.
 */
export interface CompiledCondition {
  readonly operator: string;
  readonly key: string;
  readonly keys: readonly string[];
  /** Whether the test holds for this request context. */
  readonly test: (context: RequestContext) => boolean;
}
