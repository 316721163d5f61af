/**
 * Compiles one condition test (`"StringLike": {"s3:prefix": ["home/*"]}`) into a function of the
 * request context, once per policy.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import {
  type Diagnostic,
  error,
  fail,
  hasErrors,
  joinPath,
  ok,
  type Result,
  warning,
} from '../diagnostics/diagnostic.js';
import { internString } from '../match/intern.js';
import type { ConditionTest, PolicyVersion } from '../policy/types.js';
import { arnOperators } from './arn.js';
import { binaryOperators } from './binary.js';
import { boolOperators } from './bool.js';
import type { CompiledCondition } from './compiled.js';
import { contextKeyId } from './context.js';
import { dateOperators } from './date.js';
import { ipOperators } from './ip.js';
import { compileNull } from './null.js';
import { numericOperators } from './numeric.js';
import { addKeys, type CompileInput, type OperatorDefinition, type ValueTest } from './operator.js';
import { stringOperators } from './string.js';

/** The base operators by lowercased name. `Null` is handled on its own. */
const OPERATORS: ReadonlyMap<string, OperatorDefinition> = new Map(
  [
    ...stringOperators,
    ...numericOperators,
    ...dateOperators,
    ...boolOperators,
    ...binaryOperators,
    ...ipOperators,
    ...arnOperators,
  ].map((op) => [op.name.toLowerCase(), op]),
);

/** Every base operator name, `Null` included, as AWS spells them. */
export const conditionOperatorNames: readonly string[] = [
  ...[...OPERATORS.values()].map((op) => op.name),
  'Null',
];

/** `ForAllValues:` / `ForAnyValue:`, the base operator, and `IfExists`. */
const OPERATOR = /^(?:(ForAllValues|ForAnyValue):)?(.*?)(IfExists)?$/i;

/** The set operator prefix of a condition operator. */
export type SetOperator = 'ForAllValues' | 'ForAnyValue';

/** A condition operator read from its wire spelling. */
export interface ParsedOperator {
  readonly set: SetOperator | undefined;
  /** AWS's spelling of the base operator, e.g. `StringLike`. */
  readonly base: string;
  readonly ifExists: boolean;
}

/**
 * Reads a wire operator such as `ForAnyValue:StringLikeIfExists`, or returns undefined when it
 * names no IAM operator. Names are matched without regard to case.
 */
export function parseOperator(operator: string): ParsedOperator | undefined {
  const match = OPERATOR.exec(operator);
  if (!match) return undefined;
  const [, prefix, baseText = '', ifExists] = match;
  const lower = baseText.toLowerCase();
  const base = lower === 'null' ? 'Null' : OPERATORS.get(lower)?.name;
  if (base === undefined) return undefined;
  const set =
    prefix === undefined
      ? undefined
      : prefix.toLowerCase() === 'forallvalues'
        ? 'ForAllValues'
        : 'ForAnyValue';
  return { set, base, ifExists: ifExists !== undefined };
}

/**
 * Compiles a condition test. `path` is where the operator sits in the policy
 * (`...Statement[2].Condition.StringLike`); the key and the value index are appended to it.
 *
 * Semantics, per key:
 * - Several policy values are OR'ed; a negated operator (`StringNotEquals`, `NotIpAddress`,
 *   `ArnNotLike`...) holds when the context value matches none of them.
 * - Key absent (or present with no values): a positive operator is false, a negated one true;
 *   "This logic applies to all condition operators except ...IfExists and Null check".
 * - `...IfExists`: true when the key is absent, else the base operator.
 * - `Null`: `true` holds when the key is absent, `false` when it is present.
 * - `ForAllValues:` holds when every context value matches (for a negated operator: matches none
 *   of the policy values), and when the key is absent; `ForAnyValue:` holds when at least one
 *   context value does, and is false when the key is absent (true with `IfExists`).
 * - A key with several values under an operator without `ForAllValues:`/`ForAnyValue:` does not
 *   hold, positive or negated. Why: AWS says "Multivalued context keys require a condition set
 *   operator" and does not say what happens without one; comparing a set with a single-valued
 *   operator is taken as no match (what cloud-copilot's iam-simulate does too), and `IfExists`
 *   does not change that since the key exists.
 *
 * Errors: `condition.unknown-operator`, `condition.invalid-value`. Warnings:
 * `condition.invalid-variable`, `condition.ignored-set-operator`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 */
export function compileCondition(
  test: ConditionTest,
  version: PolicyVersion,
  path: string,
): Result<CompiledCondition> {
  const keyPath = joinPath(path, test.key);
  const parsed = parseOperator(test.operator);
  if (!parsed)
    return fail([error('condition.unknown-operator', path, unknownOperatorMessage(test.operator))]);
  const diagnostics: Diagnostic[] = [];
  const input: CompileInput = {
    operator: parsed.base,
    values: test.values,
    version,
    valuePath: (index) => (test.values.length > 1 ? joinPath(keyPath, index) : keyPath),
    diagnostics,
  };
  const key = internString(test.key.toLowerCase());

  if (parsed.base === 'Null') {
    if (parsed.ifExists) {
      return fail([
        error(
          'condition.unknown-operator',
          path,
          `\`${test.operator}\` is not a condition operator: \`IfExists\` cannot be added to \`Null\`; use \`Null\``,
        ),
      ]);
    }
    if (parsed.set) {
      diagnostics.push(
        warning(
          'condition.ignored-set-operator',
          path,
          `\`${parsed.set}:\` has no effect on \`Null\`, which only checks whether \`${test.key}\` is present; remove the prefix`,
        ),
      );
    }
    const { whenAbsent, whenPresent } = compileNull(input);
    if (hasErrors(diagnostics)) return fail(diagnostics);
    const testValues = (values: readonly string[] | undefined): boolean =>
      values === undefined || values.length === 0 ? whenAbsent : whenPresent;
    return ok(conditionOf(test, key, [key], testValues, whenAbsent, undefined, false), diagnostics);
  }

  const definition = OPERATORS.get(parsed.base.toLowerCase()) as OperatorDefinition;
  const compiled = definition.compile(input);
  if (hasErrors(diagnostics)) return fail(diagnostics);
  const keys = [key];
  addKeys(keys, compiled.keys.map(internString));
  const { set, ifExists } = parsed;
  const negated = definition.negated;
  const testValues = buildTest(set, ifExists, negated, compiled.test);
  const whenAbsent = set === 'ForAllValues' || ifExists || (set === undefined && negated);
  const matches = set === undefined ? compiled.test : undefined;
  return ok(conditionOf(test, key, keys, testValues, whenAbsent, matches, negated), diagnostics);
}

type ValuesTest = CompiledCondition['testValues'];

function conditionOf(
  test: ConditionTest,
  keyLower: string,
  keys: readonly string[],
  testValues: ValuesTest,
  whenAbsent: boolean,
  matches: ValueTest | undefined,
  negated: boolean,
): CompiledCondition {
  // The fields the evaluator reads first come first (one object shape for every condition).
  return {
    keyLower,
    keyId: contextKeyId(keyLower),
    readsOtherKeys: keys.length > 1,
    whenAbsent,
    matches,
    negated,
    operator: test.operator,
    key: test.key,
    keys,
    test: (context) => testValues(context.get(keyLower), context),
    testValues,
  };
}

/** Wraps a value test with the rules for absent keys, `IfExists`, set operators and negation. */
function buildTest(
  set: SetOperator | undefined,
  ifExists: boolean,
  negated: boolean,
  matches: ValueTest,
): ValuesTest {
  if (set === 'ForAllValues') {
    return (values, context) => {
      if (values === undefined) return true;
      for (let i = 0; i < values.length; i++) {
        if (matches(values[i] as string, context) === negated) return false;
      }
      return true;
    };
  }
  if (set === 'ForAnyValue') {
    return (values, context) => {
      if (values === undefined || values.length === 0) return ifExists;
      for (let i = 0; i < values.length; i++) {
        if (matches(values[i] as string, context) !== negated) return true;
      }
      return false;
    };
  }
  const whenAbsent = ifExists || negated;
  return (values, context) => {
    if (values === undefined || values.length === 0) return whenAbsent;
    if (values.length !== 1) return false;
    return matches(values[0] as string, context) !== negated;
  };
}

function unknownOperatorMessage(operator: string): string {
  const base = OPERATOR.exec(operator)?.[2] ?? operator;
  const suggestion = closestName(base);
  const hint = suggestion
    ? `; did you mean \`${suggestion}\`?`
    : '; use an IAM condition operator such as `StringEquals`, optionally with `ForAllValues:`/`ForAnyValue:` and `IfExists`';
  return `\`${operator}\` is not a condition operator${hint}`;
}

/** The operator name within two edits of `text` (ignoring case), if there is exactly one nearest. */
function closestName(text: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of conditionOperatorNames) {
    const distance = editDistance(text.toLowerCase(), name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
