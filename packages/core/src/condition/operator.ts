/**
 * What every condition operator family provides to `compileCondition`: how to compile the
 * policy values into a test of one context value. Missing keys, `IfExists`, `ForAllValues:`,
 * `ForAnyValue:` and negation are the same for every family and live in `compile-condition.ts`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import type { PolicyVersion } from '../policy/types.js';
import type { Template } from '../policy/variables.js';
import type { RequestContext } from './context.js';

/**
 * Whether one context value matches at least one of the policy values, in the positive sense:
 * `StringNotEquals` compiles to the `StringEquals` test and is negated by the caller. Several
 * policy values for one key are OR'ed.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
 */
export type ValueTest = (value: string, context: RequestContext) => boolean;

/** A family's compiled values. */
export interface CompiledValues {
  readonly test: ValueTest;
  /** Lowercased context keys named by policy variables in the values. */
  readonly keys: readonly string[];
}

/** What a family is given to compile. */
export interface CompileInput {
  /** The operator's canonical name without prefix or `IfExists`, e.g. `StringLike`. */
  readonly operator: string;
  readonly values: readonly string[];
  readonly version: PolicyVersion;
  /** The diagnostic path of the value at an index. */
  readonly valuePath: (index: number) => string;
  /** Where the family reports bad values; any error fails the compilation. */
  readonly diagnostics: Diagnostic[];
}

/** One base condition operator. */
export interface OperatorDefinition {
  /** AWS's name, e.g. `StringNotLike`. */
  readonly name: string;
  /** Whether the operator is a negated one: true when the value matches none of the policy values. */
  readonly negated: boolean;
  readonly compile: (input: CompileInput) => CompiledValues;
}

/** Reports a value the operator can never accept, telling the user what to write instead. */
export function reportInvalidValue(input: CompileInput, index: number, message: string): void {
  const value = input.values[index] ?? '';
  const hint = value.includes('${')
    ? `; policy variables cannot be used with \`${input.operator}\`, only with the String, Arn and Bool operators`
    : '';
  input.diagnostics.push(error('condition.invalid-value', input.valuePath(index), `${message}${hint}`));
}

/** Reports the `${...}` in a value that are not policy variables (the value then never matches). */
export function reportTemplateProblems(input: CompileInput, index: number, template: Template): void {
  for (const problem of template.problems) {
    input.diagnostics.push(warning('condition.invalid-variable', input.valuePath(index), problem));
  }
}

/** Adds keys to a list, skipping repeats. */
export function addKeys(into: string[], keys: readonly string[]): void {
  for (const key of keys) if (!into.includes(key)) into.push(key);
}
