import { compileArnPattern, compileArnPatternParts } from '../condition/arn.js';
import type { RequestContext } from '../condition/context.js';
import type { PolicyVersion } from '../policy/types.js';
import { compileTemplate, compileTemplateMatcher } from '../policy/variables.js';

/** A compiled `Resource` or `NotResource` value list. */
export interface ResourceMatcher {
  /** Lowercased context keys named by policy variables in the values. */
  readonly keys: readonly string[];
  /** Whether any of the values matches the resource (its ARN, or `*`). */
  test(resource: string, context: RequestContext): boolean;
}

type Test = (resource: string, context: RequestContext) => boolean;

/**
 * Compiles the values of a `Resource` or `NotResource` element.
 *
 * ARNs are case-sensitive. A value that is a full ARN is matched piece by piece: partition,
 * service, region and account each on their own, so a wildcard never crosses a colon there, and
 * the resource piece as a whole, where `*` matches across `/` and `:`. `*` alone matches every
 * resource. A value that is not a six-piece ARN is matched as one glob against the whole string.
 * Policy variables (version 2012-10-17 only) are replaced from the request context; a variable
 * without a value and without a default makes its value match nothing.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export function compileResourcePatterns(
  patterns: readonly string[],
  version: PolicyVersion,
): ResourceMatcher {
  const keys = new Set<string>();
  const tests: Test[] = [];
  for (const pattern of patterns) {
    if (pattern === '*') return { keys: [], test: () => true };
    const template = compileTemplate(pattern, version);
    if (!template.hasVariables) {
      tests.push(compileArnPattern(pattern));
      continue;
    }
    for (const key of template.keys) keys.add(key);
    const matcherFor = compileTemplateMatcher(template, compileArnPatternParts);
    tests.push((resource, context) => matcherFor(context)?.(resource) ?? false);
  }
  const list = [...keys];
  const only = tests[0];
  if (tests.length === 1 && only) return { keys: list, test: only };
  return { keys: list, test: (resource, context) => tests.some((t) => t(resource, context)) };
}
