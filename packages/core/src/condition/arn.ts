/**
 * ARN condition operators: `ArnEquals`, `ArnLike`, `ArnNotEquals`, `ArnNotLike`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
import { compileTemplate, compileTemplateMatcher } from '../policy/variables.js';
import type { RequestContext } from './context.js';
import { compileGlobRange, type GlobPart, type RangeMatcher } from './glob.js';
import {
  addKeys,
  type CompiledValues,
  type CompileInput,
  type OperatorDefinition,
  reportTemplateProblems,
} from './operator.js';

/**
 * The ARN operators. "Each of the six colon-delimited components of the ARN is checked separately
 * and each can include multi-character match wildcards (*) or single-character match wildcards
 * (?). The ArnEquals and ArnLike condition operators behave identically." Matching is
 * case-sensitive. Values take policy variables.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
export const arnOperators: readonly OperatorDefinition[] = [
  { name: 'ArnEquals', negated: false, compile: compileArnValues },
  { name: 'ArnLike', negated: false, compile: compileArnValues },
  { name: 'ArnNotEquals', negated: true, compile: compileArnValues },
  { name: 'ArnNotLike', negated: true, compile: compileArnValues },
];

/**
 * Compiles an ARN pattern. The pattern and the ARN are each cut at their first five colons into
 * six pieces (`arn`, partition, service, region, account, resource); the first five are matched
 * separately, so a wildcard there never crosses a colon, and the sixth is the rest of the string,
 * where `*` and `?` also match `/` and `:`.
 *
 * A pattern with fewer than five colons (such as `*`) is not an ARN pattern; it is matched as one
 * glob against the whole value, as the `Resource` element does. Why: a lone `*` should match every
 * ARN, not only colon-free text. An ARN with fewer than five colons never matches a six-piece pattern.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export function compileArnPattern(pattern: string): (arn: string) => boolean {
  let test = compiledPatterns.get(pattern);
  if (!test) {
    // The same patterns recur in many policies (`*`, an account's roles): compiled once each. The
    // tests are pure; the cache is emptied past a bound, so no process keeps every pattern it saw.
    if (compiledPatterns.size >= MAX_COMPILED_PATTERNS) compiledPatterns.clear();
    test = compileArnPatternParts([{ text: pattern, wildcards: true }]);
    compiledPatterns.set(pattern, test);
  }
  return test;
}

const compiledPatterns = new Map<string, (arn: string) => boolean>();
const MAX_COMPILED_PATTERNS = 100_000;

/** Like {@link compileArnPattern}, for a pattern with literal parts (expanded policy variables). */
export function compileArnPatternParts(parts: readonly GlobPart[]): (arn: string) => boolean {
  const pieces = splitPartsAtColons(parts);
  if (pieces.length < 6) {
    const whole = compileGlobRange(parts);
    return (arn) => whole(arn, 0, arn.length);
  }
  if (pieces.slice(0, 5).every(isLiteral)) {
    // The common case, `arn:aws:s3:::bucket/*`: the first five pieces hold no wildcard and no colon,
    // so the text up to the fifth colon must equal them, and only the resource piece is a glob.
    const prefix = `${pieces.slice(0, 5).map(joinText).join(':')}:`;
    const last = pieces[5] as GlobPart[];
    if (isLiteral(last)) {
      const whole = prefix + joinText(last);
      return (arn) => arn === whole;
    }
    const rest = compileGlobRange(last);
    const start = prefix.length;
    return (arn) => arn.startsWith(prefix) && rest(arn, start, arn.length);
  }
  const tests = pieces.map((piece) => compileGlobRange(piece));
  const [arnTest, partition, service, region, account, resource] = tests as [
    RangeMatcher,
    RangeMatcher,
    RangeMatcher,
    RangeMatcher,
    RangeMatcher,
    RangeMatcher,
  ];
  return (arn) => {
    const c1 = arn.indexOf(':');
    if (c1 < 0 || !arnTest(arn, 0, c1)) return false;
    const c2 = arn.indexOf(':', c1 + 1);
    if (c2 < 0 || !partition(arn, c1 + 1, c2)) return false;
    const c3 = arn.indexOf(':', c2 + 1);
    if (c3 < 0 || !service(arn, c2 + 1, c3)) return false;
    const c4 = arn.indexOf(':', c3 + 1);
    if (c4 < 0 || !region(arn, c3 + 1, c4)) return false;
    const c5 = arn.indexOf(':', c4 + 1);
    if (c5 < 0 || !account(arn, c4 + 1, c5)) return false;
    return resource(arn, c5 + 1, arn.length);
  };
}

function isLiteral(piece: readonly GlobPart[]): boolean {
  return piece.every((part) => !part.wildcards || !/[*?]/.test(part.text));
}

function joinText(piece: readonly GlobPart[]): string {
  return piece.map((part) => part.text).join('');
}

/** Cuts parts at the first five colons (literal or not) into at most six pieces. */
function splitPartsAtColons(parts: readonly GlobPart[]): GlobPart[][] {
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
  return pieces;
}

type ArnTest = (arn: string) => boolean;

function compileArnValues(input: CompileInput): CompiledValues {
  const fixed: ArnTest[] = [];
  const expanded: ((context: RequestContext) => ArnTest | undefined)[] = [];
  const keys: string[] = [];
  input.values.forEach((value, index) => {
    const template = compileTemplate(value, input.version);
    reportTemplateProblems(input, index, template);
    addKeys(keys, template.keys);
    if (template.literal) fixed.push(compileArnPattern(value));
    else expanded.push(compileTemplateMatcher(template, (parts) => compileArnPatternParts(parts)));
  });
  return {
    keys,
    test: (value, context) => {
      for (let i = 0; i < fixed.length; i++) if ((fixed[i] as ArnTest)(value)) return true;
      for (let i = 0; i < expanded.length; i++) {
        const test = (expanded[i] as (context: RequestContext) => ArnTest | undefined)(context);
        if (test?.(value)) return true;
      }
      return false;
    },
  };
}
