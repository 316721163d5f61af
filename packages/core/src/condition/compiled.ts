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
  /** `key` lowercased, shared (the first of `keys`): the key whose values `testValues` is given. */
  readonly keyLower: string;
  readonly keys: readonly string[];
  /** Whether the test holds for this request context. */
  readonly test: (context: RequestContext) => boolean;
  /**
   * `test` for a caller that has already looked up the condition key: `values` is
   * `context.get(keyLower)`. The evaluator reads each key once for the missing-key report and
   * the test together.
   */
  readonly testValues: (values: readonly string[] | undefined, context: RequestContext) => boolean;
}
