/**
 * Policy variables: `${aws:username}` in a `Resource` value or a condition value is replaced,
 * when a request is evaluated, by the value of that key in the request context.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
import type { RequestContext } from '../condition/context.js';
import type { GlobPart } from '../condition/glob.js';
import type { PolicyVersion } from './types.js';

/** One piece of a template, in order. */
export type TemplateSegment =
  /** Policy text. Where the operator has wildcards, its `*` and `?` are wildcards. */
  | { readonly kind: 'text'; readonly text: string }
  /** `${*}`, `${?}` or `${$}`: the character itself, never a wildcard. */
  | { readonly kind: 'special'; readonly text: '*' | '?' | '$' }
  /** `${key}` or `${key, 'default'}`; `key` is lowercased, `name` as written. */
  | { readonly kind: 'variable'; readonly key: string; readonly name: string; readonly defaultValue?: string }
  /** `${...}` that is not a policy variable: it never has a value. */
  | { readonly kind: 'invalid'; readonly text: string };

/** A policy value with its variables parsed, ready to be expanded for a request. */
export interface Template {
  /** The text as written in the policy. */
  readonly source: string;
  readonly segments: readonly TemplateSegment[];
  /** Lowercased context keys the variables read, without repeats, in order of appearance. */
  readonly keys: readonly string[];
  /** True when the text has no `${...}` at all (or the policy is version 2008-10-17): it is its own expansion. */
  readonly literal: boolean;
  /** `!literal`: whether the value must go through {@link Template.expand} before use. */
  readonly hasVariables: boolean;
  /** One message per `${...}` that is not a policy variable (each makes the value unmatchable). */
  readonly problems: readonly string[];
  /**
   * The text with every variable replaced, or undefined when a variable has no value and no
   * default: then the value matches nothing. `${*}` becomes `*`, so use {@link Template.expandParts}
   * where `*` and `?` are wildcards.
   */
  expand(context: RequestContext): string | undefined;
  /**
   * The expansion as glob parts: the policy's own text keeps its wildcards, while variable values,
   * defaults and `${*}`/`${?}`/`${$}` are literal. Undefined when the value matches nothing.
   */
  expandParts(context: RequestContext): readonly GlobPart[] | undefined;
}

const SPECIALS: ReadonlySet<string> = new Set(['*', '?', '$']);

/**
 * `key` or `key, 'default'` inside `${...}`. The key is trimmed and cannot hold `,`, `'`, `$`,
 * `{` or `}`; the default is any text between single quotes without a quote.
 *
 * Why the whitespace is free: the docs say "separate the variable text and the default value with
 * a comma and space (, )"; we also accept other spacing rather than reject a policy AWS took.
 */
const VARIABLE = /^\s*([^\s,'${}](?:[^,'${}]*[^\s,'${}])?)\s*(?:,\s*'([^']*)'\s*)?$/;

/**
 * Parses a policy value into a {@link Template}. Version `2008-10-17` has no policy variables:
 * `${...}` there is literal text. A `${` without a closing `}` is literal text too.
 *
 * A variable whose key is absent from the request context, has no value, or has several values
 * (a multivalued key cannot be a policy variable) takes its default; without a default, the
 * whole value has no expansion and matches nothing: "When you use a variable with no value in
 * the condition element ... condition operators like StringEquals or StringLike do not match",
 * while the negated operators (StringNotEquals...) do, since nothing equals a missing value.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
export function compileTemplate(text: string, version: PolicyVersion): Template {
  const segments = version === '2008-10-17' ? [{ kind: 'text', text } as const] : parseSegments(text);
  const literal = segments.every((s) => s.kind === 'text');
  const keys: string[] = [];
  const problems: string[] = [];
  for (const segment of segments) {
    if (segment.kind === 'variable' && !keys.includes(segment.key)) keys.push(segment.key);
    if (segment.kind === 'invalid') {
      problems.push(
        `\`${segment.text}\` is not a policy variable, so this value never matches; write \`\${key}\` or \`\${key, 'default'}\`, or \`\${$}\` for a literal \`$\``,
      );
    }
  }
  if (literal) {
    const parts = [{ text, wildcards: true }];
    return {
      source: text,
      segments,
      keys,
      literal,
      hasVariables: false,
      problems,
      expand: () => text,
      expandParts: () => parts,
    };
  }
  const expandParts = compileTemplateMatcher({ segments }, (parts) => parts);
  const expand = compileTemplateMatcher({ segments }, (parts) => parts.map((p) => p.text).join(''));
  return { source: text, segments, keys, literal, hasVariables: true, problems, expand, expandParts };
}

/**
 * Builds something from a template's expansion (a glob, an ARN matcher, a folded string) and
 * remembers it for as long as the variables keep the same values, so a hot path that evaluates
 * the same principal again and again builds it once. Returns undefined when the value matches
 * nothing (a variable without a value and without a default, or an invalid `${...}`).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
export function compileTemplateMatcher<T>(
  template: Pick<Template, 'segments'>,
  build: (parts: readonly GlobPart[]) => T,
): (context: RequestContext) => T | undefined {
  const segments = template.segments;
  if (segments.some((s) => s.kind === 'invalid')) return () => undefined;
  const variables = segments.filter((s) => s.kind === 'variable');
  if (variables.length === 0) {
    const built = build(toParts(segments, []));
    return () => built;
  }
  const last: (string | undefined)[] = new Array(variables.length).fill(undefined);
  let lastBuilt: T | undefined;
  let hasLast = false;
  const current: string[] = new Array(variables.length).fill('');
  return (context) => {
    let same = hasLast;
    for (let i = 0; i < variables.length; i++) {
      const variable = variables[i] as (typeof variables)[number];
      const values = context.get(variable.key);
      const value = values !== undefined && values.length === 1 ? values[0] : variable.defaultValue;
      if (value === undefined) return undefined;
      current[i] = value;
      if (value !== last[i]) same = false;
    }
    if (same) return lastBuilt;
    lastBuilt = build(toParts(segments, current));
    for (let i = 0; i < current.length; i++) last[i] = current[i];
    hasLast = true;
    return lastBuilt;
  };
}

/** The glob parts of segments, with `values[i]` for the i-th variable. */
function toParts(segments: readonly TemplateSegment[], values: readonly string[]): GlobPart[] {
  const parts: GlobPart[] = [];
  let variable = 0;
  for (const segment of segments) {
    if (segment.kind === 'text') parts.push({ text: segment.text, wildcards: true });
    else if (segment.kind === 'special') parts.push({ text: segment.text, wildcards: false });
    else if (segment.kind === 'variable') parts.push({ text: values[variable++] ?? '', wildcards: false });
  }
  return parts;
}

function parseSegments(text: string): TemplateSegment[] {
  const segments: TemplateSegment[] = [];
  let literal = '';
  let position = 0;
  for (;;) {
    const open = text.indexOf('${', position);
    const close = open < 0 ? -1 : text.indexOf('}', open + 2);
    if (open < 0 || close < 0) {
      literal += text.slice(position);
      break;
    }
    literal += text.slice(position, open);
    if (literal !== '') segments.push({ kind: 'text', text: literal });
    literal = '';
    const inner = text.slice(open + 2, close);
    segments.push(parseVariable(inner, text.slice(open, close + 1)));
    position = close + 1;
  }
  if (literal !== '') segments.push({ kind: 'text', text: literal });
  return segments;
}

function parseVariable(inner: string, whole: string): TemplateSegment {
  if (SPECIALS.has(inner)) return { kind: 'special', text: inner as '*' | '?' | '$' };
  const match = VARIABLE.exec(inner);
  if (!match) return { kind: 'invalid', text: whole };
  const name = match[1] as string;
  const defaultValue = match[2];
  return {
    kind: 'variable',
    key: name.toLowerCase(),
    name,
    ...(defaultValue !== undefined ? { defaultValue } : {}),
  };
}
