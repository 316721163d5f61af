import type { RequestContext } from '../condition/context.js';
import { compileGlobParts, compileGlobRange, type GlobPart } from '../condition/glob.js';
import type { PolicyVersion } from '../policy/types.js';
import { compileTemplate, compileTemplateMatcher } from '../policy/variables.js';
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
      const test = compilePatternParts([{ text: pattern, wildcards: true }]);
      tests.push((resource) => test(resource));
      continue;
    }
    for (const key of template.keys) keys.add(key);
    const matcherFor = compileTemplateMatcher(template, compilePatternParts);
    tests.push((resource, context) => matcherFor(context)?.(resource) ?? false);
  }
  const list = [...keys];
  const only = tests[0];
  if (tests.length === 1 && only) return { keys: list, test: only };
  return { keys: list, test: (resource, context) => tests.some((t) => t(resource, context)) };
}

/** Compiles one value, given as glob parts (policy text with wildcards, variable values without). */
function compilePatternParts(parts: readonly GlobPart[]): (resource: RequestResource) => boolean {
  const pieces = splitPartsAtArnColons(parts);
  if (!pieces) {
    const test = compileGlobParts(parts);
    return (resource) => test(resource.text);
  }
  const isLiteral = (piece: readonly GlobPart[]) => piece.every((p) => !p.wildcards || !/[*?]/.test(p.text));
  const text = (piece: readonly GlobPart[]) => piece.map((p) => p.text).join('');
  if (pieces.slice(0, 5).every(isLiteral)) {
    // The common case, `arn:aws:s3:::bucket/*`: the first five pieces are literal, so a prefix
    // that ends with the fifth colon fixes all of them at once (no piece holds a colon).
    const prefix = `${pieces.slice(0, 5).map(text).join(':')}:`;
    const last = pieces[5] as GlobPart[];
    if (isLiteral(last)) {
      const whole = prefix + text(last);
      return (resource) => resource.text === whole;
    }
    const rest = compileGlobRange(last);
    const start = prefix.length;
    return (resource) => resource.text.startsWith(prefix) && rest(resource.text, start, resource.text.length);
  }
  const pieceTests = pieces.map((piece) => {
    if (isLiteral(piece)) {
      const literal = text(piece);
      return (target: string) => target === literal;
    }
    return compileGlobParts(piece);
  });
  return (resource) => {
    const target = resource.pieces;
    if (!target) return false;
    for (let i = 0; i < 6; i++) {
      if (!(pieceTests[i] as (text: string) => boolean)(target[i] as string)) return false;
    }
    return true;
  };
}

/**
 * Splits glob parts into the six pieces of an ARN (at the first five colons), or returns
 * undefined when the text does not start with `arn:` or has fewer than five colons.
 */
function splitPartsAtArnColons(parts: readonly GlobPart[]): GlobPart[][] | undefined {
  if (
    !parts
      .map((p) => p.text)
      .join('')
      .startsWith('arn:')
  )
    return undefined;
  const pieces: GlobPart[][] = [[]];
  for (const part of parts) {
    let rest = part.text;
    while (pieces.length < 6) {
      const colon = rest.indexOf(':');
      if (colon < 0) break;
      (pieces[pieces.length - 1] as GlobPart[]).push({
        text: rest.slice(0, colon),
        wildcards: part.wildcards,
      });
      pieces.push([]);
      rest = rest.slice(colon + 1);
    }
    (pieces[pieces.length - 1] as GlobPart[]).push({ text: rest, wildcards: part.wildcards });
  }
  return pieces.length === 6 ? pieces : undefined;
}
