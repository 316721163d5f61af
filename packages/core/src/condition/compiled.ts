import type { RequestContext } from './context.js';
import type { ValueTest } from './operator.js';

/**
 * A condition test compiled once per policy and run once per request.
 *
 * `keys` are the lowercased context keys the test reads: the condition key itself and every
 * key named by a policy variable in its values. The evaluator reports the ones absent from the
 * request context as `missingContextKeys`.
 */
export interface CompiledCondition {
  /** `key` lowercased, shared (the first of `keys`): the key whose values `testValues` is given. */
  readonly keyLower: string;
  /** `contextKeyId(keyLower)`: where the key's values are in a request's `ContextSlots` (-1: use the map). */
  readonly keyId: number;
  /** Whether policy variables in the values read keys besides `keyLower` (`keys.length > 1`). */
  readonly readsOtherKeys: boolean;
  /**
   * The result when the key is absent or has no values, whatever the form: for a single-valued
   * operator `IfExists` or negated, for `ForAllValues:` true, for `ForAnyValue:` `IfExists`, for
   * `Null` whether it checks for absence.
   */
  readonly whenAbsent: boolean;
  /**
   * For a single-valued operator without a set prefix (the common case), the test of its one
   * context value before negation; undefined for `ForAllValues:`, `ForAnyValue:` and `Null`,
   * which `testValues` decides. The evaluator runs it without the wrapper closure, so a decision
   * loads fewer objects per condition.
   */
  readonly matches: ValueTest | undefined;
  /** With `matches`: the operator is negated (`StringNotEquals`): true when no policy value matches. */
  readonly negated: boolean;
  readonly operator: string;
  readonly key: string;
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
