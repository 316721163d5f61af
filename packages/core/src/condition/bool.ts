/**
 * The Boolean condition operator: `Bool`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean
 */
import { compileTemplate, compileTemplateMatcher } from '../policy/variables.js';
import type { RequestContext } from './context.js';
import {
  addKeys,
  type CompiledValues,
  type CompileInput,
  type OperatorDefinition,
  reportInvalidValue,
  reportTemplateProblems,
} from './operator.js';

/**
 * Reads `true` or `false` in any case, or returns undefined.
 *
 * Why any case: the docs only say a key is compared to "true" or "false"; AWS's own examples
 * write them in lower case, and the policy parser turns JSON `true`/`false` into those strings.
 * Accepting `True` reads what AWS accepts rather than rejecting the policy.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean
 */
export function parseBool(text: string): boolean | undefined {
  if (equalsLowerAscii(text, 'true')) return true;
  if (equalsLowerAscii(text, 'false')) return false;
  return undefined;
}

/** Whether `text` is `lower` (lower-case ASCII letters) in any case, without allocating. */
function equalsLowerAscii(text: string, lower: string): boolean {
  if (text.length !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    const code = text.charCodeAt(i);
    // Setting bit 0x20 lowers an ASCII upper-case letter; `lower` holds only letters.
    if ((code | 0x20) !== lower.charCodeAt(i) || code < 0x41) return false;
  }
  return true;
}

/**
 * `Bool`: the context value is `true` or `false` as a policy value is. A context value that is
 * neither matches nothing.
 *
 * Policy variables: the condition operators page says "You can use a policy variable with the
 * Boolean condition operator", while the policy variables page lists `Boolean` among the
 * operators that cannot take one. We follow the operators page: a value with `${...}` is expanded
 * per request and must then read `true` or `false`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
export const boolOperators: readonly OperatorDefinition[] = [
  { name: 'Bool', negated: false, compile: compileBool },
];

function compileBool(input: CompileInput): CompiledValues {
  let matchesTrue = false;
  let matchesFalse = false;
  const expanded: ((context: RequestContext) => boolean | undefined)[] = [];
  const keys: string[] = [];
  input.values.forEach((value, index) => {
    const template = compileTemplate(value, input.version);
    if (!template.literal) {
      reportTemplateProblems(input, index, template);
      addKeys(keys, template.keys);
      expanded.push(
        compileTemplateMatcher(template, (parts) => parseBool(parts.map((p) => p.text).join(''))),
      );
      return;
    }
    const bool = parseBool(value);
    if (bool === undefined) {
      reportInvalidValue(
        input,
        index,
        `\`${value}\` is not a boolean; \`Bool\` compares with \`true\` or \`false\``,
      );
    } else if (bool) matchesTrue = true;
    else matchesFalse = true;
  });
  return {
    keys,
    test: (value, context) => {
      const bool = parseBool(value);
      if (bool === undefined) return false;
      if (bool ? matchesTrue : matchesFalse) return true;
      for (let i = 0; i < expanded.length; i++) {
        if ((expanded[i] as (context: RequestContext) => boolean | undefined)(context) === bool) return true;
      }
      return false;
    },
  };
}
