import { compileArnPattern, compileArnPatternParts } from '../condition/arn.js';
import type { RequestContext } from '../condition/context.js';
import type { PolicyVersion } from '../policy/types.js';
import { compileTemplate, compileTemplateMatcher } from '../policy/variables.js';
import { internString } from './intern.js';

/** A compiled `Resource` or `NotResource` value list. */
export interface ResourceMatcher {
  /** Lowercased context keys named by policy variables in the values. */
  readonly keys: readonly string[];
  /** Whether any of the values matches the resource (its ARN, or `*`). */
  test(resource: string, context: RequestContext): boolean;
  /**
   * The shape of the common single values, for the evaluator's fast path: `any` for `*`; `exact`
   * for one value without wildcards or variables (matched when the resource equals `text`);
   * `prefix` for one such value whose only wildcard is a final `*` (matched when the resource
   * starts with `text`); `other` for the rest, which only `test` decides.
   */
  readonly shape: 'any' | 'exact' | 'prefix' | 'other';
  /** The text of an `exact` or `prefix` shape (shared, see {@link internString}); else empty. */
  readonly text: string;
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
  let literal = true;
  if (patterns.includes('*')) return { keys: noKeys, test: () => true, shape: 'any', text: '' };
  for (const pattern of patterns) {
    const template = compileTemplate(pattern, version);
    if (!template.hasVariables) {
      tests.push(compileArnPattern(pattern));
      continue;
    }
    literal = false;
    for (const key of template.keys) keys.add(key);
    const matcherFor = compileTemplateMatcher(template, compileArnPatternParts);
    tests.push((resource, context) => matcherFor(context)?.(resource) ?? false);
  }
  const list = keys.size === 0 ? noKeys : [...keys];
  const only = tests[0];
  if (tests.length === 1 && only) {
    const single = patterns[0] as string;
    // A value with no `?`, no variable and at most one `*`, at its end, is an exact ARN or a
    // prefix, whether matched piece by piece or as one glob: every colon is in the literal part.
    const star = single.indexOf('*');
    const simple = literal && !single.includes('?');
    if (simple && star < 0) return { keys: list, test: only, shape: 'exact', text: internString(single) };
    if (simple && star === single.length - 1) {
      return { keys: list, test: only, shape: 'prefix', text: internString(single.slice(0, -1)) };
    }
    return { keys: list, test: only, shape: 'other', text: '' };
  }
  return {
    keys: list,
    // A loop rather than `some` with a closure, which would be allocated on every call.
    test: (resource, context) => {
      for (let i = 0; i < tests.length; i++) if ((tests[i] as Test)(resource, context)) return true;
      return false;
    },
    shape: 'other',
    text: '',
  };
}

const noKeys: readonly string[] = [];
