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
   * starts with `text`); `contains` for one such value of the form `text*middle*`, where the
   * first `*` is in the resource piece of an ARN or the value is not a six-piece ARN (matched when
   * the resource starts with `text` and holds `middle` after it: S3 object patterns such as
   * `arn:aws:s3:::app-*` followed by `/*`);
   * `other` for the rest, which only `test` decides.
   */
  readonly shape: 'any' | 'exact' | 'prefix' | 'contains' | 'other';
  /** The text of an `exact`, `prefix` or `contains` shape (shared, see {@link internString}); else empty. */
  readonly text: string;
  /** The middle of a `contains` shape (shared); else empty. */
  readonly middle: string;
  /**
   * For several values (shape `other`) that each have one of the shapes above: their shapes, any
   * of which matching is a match. Undefined otherwise.
   */
  readonly alternatives?: readonly SimpleShape[];
}

/** The shape of one value without variables that a string comparison decides. */
export interface SimpleShape {
  readonly shape: 'exact' | 'prefix' | 'contains';
  readonly text: string;
  readonly middle: string;
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
  if (patterns.includes('*')) return { keys: noKeys, test: () => true, shape: 'any', text: '', middle: '' };
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
  const simple = literal ? patterns.map(simpleShape) : [];
  const only = tests[0];
  if (tests.length === 1 && only) {
    const shape = simple[0];
    if (shape === undefined) return { keys: list, test: only, shape: 'other', text: '', middle: '' };
    return { keys: list, test: only, ...shape };
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
    middle: '',
    ...(simple.length > 0 && simple.every((shape) => shape !== undefined) ? { alternatives: simple } : {}),
  };
}

/** Whether a resource matches a value of this shape. */
export function matchesShape(shape: SimpleShape, resource: string): boolean {
  const text = shape.text;
  if (shape.shape === 'exact') return resource === text;
  if (!resource.startsWith(text)) return false;
  return shape.shape === 'prefix' || resource.indexOf(shape.middle, text.length) >= 0;
}

/** One literal value's shape, when it is `exact`, `prefix` or `contains` (see {@link ResourceMatcher.shape}). */
function simpleShape(pattern: string): SimpleShape | undefined {
  if (pattern.includes('?')) return undefined;
  // At most one `*`, at its end: an exact ARN or a prefix, whether matched piece by piece or as
  // one glob, since every colon is in the literal part.
  const star = pattern.indexOf('*');
  if (star < 0) return { shape: 'exact', text: internString(pattern), middle: '' };
  if (star === pattern.length - 1)
    return { shape: 'prefix', text: internString(pattern.slice(0, -1)), middle: '' };
  const second = pattern.indexOf('*', star + 1);
  if (second !== pattern.length - 1 || second === star + 1) return undefined;
  // `text*middle*`. Matched as one glob when the value is not a six-piece ARN (fewer than five
  // colons), and as the literal first five pieces then a glob of the resource piece when the first
  // `*` is past the fifth colon: both are "starts with text, then holds middle after it".
  const text = pattern.slice(0, star);
  if (colons(pattern) >= 5 && colons(text) < 5) return undefined;
  return {
    shape: 'contains',
    text: internString(text),
    middle: internString(pattern.slice(star + 1, second)),
  };
}

function colons(text: string): number {
  let count = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) count++;
  return count;
}

const noKeys: readonly string[] = [];
