import { compileGlob } from '../condition/glob.js';
import type { RequestContext } from '../condition/context.js';
import type { PolicyVersion } from '../policy/types.js';
import { compileTemplate } from '../policy/variables.js';
import { splitArn } from './arn.js';

/** A request's resource, split once per request so every statement can reuse the pieces. */
export interface RequestResource {
  readonly text: string;
  /** The six ARN pieces, or undefined when the resource is not an ARN (for example `*`). */
  readonly pieces: readonly string[] | undefined;
}

/** Splits a request resource for matching. */
export function toRequestResource(text: string): RequestResource {
  return { text, pieces: text.startsWith('arn:') ? splitArn(text) : undefined };
}

/** A compiled `Resource` or `NotResource` value list. */
export interface ResourceMatcher {
  /** Lowercased context keys named by policy variables in the values. */
  readonly keys: readonly string[];
  /** Whether any of the values matches the resource. */
  test(resource: RequestResource, context: RequestContext): boolean;
}

type Test = (resource: RequestResource, context: RequestContext) => boolean;

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
export function compileResourcePatterns(patterns: readonly string[], version: PolicyVersion): ResourceMatcher {
  const keys = new Set<string>();
  const tests: Test[] = [];
  for (const pattern of patterns) {
    if (pattern === '*') return { keys: [], test: () => true };
    const template = compileTemplate(pattern, version);
    if (template.keys.length === 0 && !template.hasVariables) {
      const test = compileLiteralPattern(pattern);
      tests.push((resource) => test(resource));
      continue;
    }
    for (const key of template.keys) keys.add(key);
    const cache = new Map<string, (resource: RequestResource) => boolean>();
    tests.push((resource, context) => {
      const expanded = template.expand(context);
      if (expanded === undefined) return false;
      let test = cache.get(expanded);
      if (!test) {
        test = compileLiteralPattern(expanded);
        if (cache.size < 256) cache.set(expanded, test);
      }
      return test(resource);
    });
  }
  const list = [...keys];
  if (tests.length === 1) {
    const only = tests[0] as Test;
    return { keys: list, test: only };
  }
  return { keys: list, test: (resource, context) => tests.some((t) => t(resource, context)) };
}

/** Compiles one value without variables. */
function compileLiteralPattern(pattern: string): (resource: RequestResource) => boolean {
  if (pattern === '*') return () => true;
  const pieces = pattern.startsWith('arn:') ? splitArn(pattern) : undefined;
  if (!pieces) {
    const test = compileGlob(pattern);
    return (resource) => test(resource.text);
  }
  const pieceTests = pieces.map((piece) =>
    /[*?]/.test(piece) ? compileGlob(piece) : (text: string) => text === piece,
  );
  return (resource) => {
    const target = resource.pieces;
    if (!target) return false;
    for (let i = 0; i < 6; i++) {
      if (!(pieceTests[i] as (text: string) => boolean)(target[i] as string)) return false;
    }
    return true;
  };
}
