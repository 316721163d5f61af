/**
 * String condition operators: `StringEquals`, `StringNotEquals`, `StringEqualsIgnoreCase`,
 * `StringNotEqualsIgnoreCase`, `StringLike`, `StringNotLike`. All take policy variables.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 */

import { compileTemplate, compileTemplateMatcher } from '../policy/variables.js';
import type { RequestContext } from './context.js';
import { compileGlob, compileGlobParts, foldCase, hasWildcard } from './glob.js';
import {
  addKeys,
  type CompiledValues,
  type CompileInput,
  type OperatorDefinition,
  reportTemplateProblems,
} from './operator.js';

/**
 * The string operators. Comparisons are case-sensitive except the `IgnoreCase` ones (which fold
 * case with `foldCase`); `StringLike`/`StringNotLike` take `*` and `?` wildcards,
 * case-sensitively. `StringEquals` has no wildcards: a `*` in its value is a literal `*`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 */
export const stringOperators: readonly OperatorDefinition[] = [
  { name: 'StringEquals', negated: false, compile: (input) => compileStringEquals(input, false) },
  { name: 'StringNotEquals', negated: true, compile: (input) => compileStringEquals(input, false) },
  { name: 'StringEqualsIgnoreCase', negated: false, compile: (input) => compileStringEquals(input, true) },
  { name: 'StringNotEqualsIgnoreCase', negated: true, compile: (input) => compileStringEquals(input, true) },
  { name: 'StringLike', negated: false, compile: compileStringLike },
  { name: 'StringNotLike', negated: true, compile: compileStringLike },
];

type Expansion<T> = (context: RequestContext) => T | undefined;

/** Exact comparison: a set of the fixed values, plus the values with variables expanded per request. */
function compileStringEquals(input: CompileInput, ignoreCase: boolean): CompiledValues {
  const fixed = new Set<string>();
  const expanded: Expansion<string>[] = [];
  const keys: string[] = [];
  input.values.forEach((value, index) => {
    const template = compileTemplate(value, input.version);
    reportTemplateProblems(input, index, template);
    addKeys(keys, template.keys);
    if (template.literal) {
      fixed.add(ignoreCase ? foldCase(value) : value);
      return;
    }
    expanded.push(
      compileTemplateMatcher(template, (parts) => {
        const text = parts.map((p) => p.text).join('');
        return ignoreCase ? foldCase(text) : text;
      }),
    );
  });
  if (expanded.length === 0) {
    if (ignoreCase) return { keys, test: (value) => fixed.has(foldCase(value)) };
    if (fixed.size === 1) {
      const only = [...fixed][0];
      return { keys, test: (value) => value === only };
    }
    return { keys, test: (value) => fixed.has(value) };
  }
  return {
    keys,
    test: (value, context) => {
      const candidate = ignoreCase ? foldCase(value) : value;
      if (fixed.has(candidate)) return true;
      for (let i = 0; i < expanded.length; i++) {
        if ((expanded[i] as Expansion<string>)(context) === candidate) return true;
      }
      return false;
    },
  };
}

/** Wildcard comparison: values without wildcards go in a set, the others become globs. */
function compileStringLike(input: CompileInput): CompiledValues {
  const exact = new Set<string>();
  const globs: ((text: string) => boolean)[] = [];
  const expanded: Expansion<(text: string) => boolean>[] = [];
  const keys: string[] = [];
  input.values.forEach((value, index) => {
    const template = compileTemplate(value, input.version);
    reportTemplateProblems(input, index, template);
    addKeys(keys, template.keys);
    if (!template.literal)
      expanded.push(compileTemplateMatcher(template, (parts) => compileGlobParts(parts)));
    else if (hasWildcard(value)) globs.push(compileGlob(value));
    else exact.add(value);
  });
  return {
    keys,
    test: (value, context) => {
      if (exact.has(value)) return true;
      for (let i = 0; i < globs.length; i++) if ((globs[i] as (text: string) => boolean)(value)) return true;
      for (let i = 0; i < expanded.length; i++) {
        const glob = (expanded[i] as Expansion<(text: string) => boolean>)(context);
        if (glob?.(value)) return true;
      }
      return false;
    },
  };
}
