import type { CompiledCondition } from '../condition/compiled.js';
import { matchesShape, type ResourceMatcher, type SimpleShape } from '../match/resource-pattern.js';
import { type CompiledPolicy, type CompiledStatement, isList } from './compile-policy.js';

import { isExcludedByNotPrincipal, matchPrincipal, type PrincipalMatch } from './principal-match.js';
import type { EvaluationRequest } from './request.js';
import type { PolicyType, Reason } from './types.js';

/**
 * The statements that apply to a request, as parallel arrays. One list is reused for every
 * decision (evaluation is synchronous and never re-entered), so a decision allocates nothing for
 * the statements it looks at: only the result it returns.
 */
/** How many organization levels a statement keeps its reasons for in a list before a map. */
const levelPairs = 8;

export class HitList {
  length = 0;
  readonly types: PolicyType[] = [];
  readonly levels: (string | undefined)[] = [];
  readonly policies: CompiledPolicy[] = [];
  readonly statements: CompiledStatement[] = [];
  /** For resource policies: how the statement names the caller. */
  readonly matches: (PrincipalMatch | undefined)[] = [];

  clear(): void {
    this.length = 0;
  }

  push(
    type: PolicyType,
    level: string | undefined,
    policy: CompiledPolicy,
    statement: CompiledStatement,
    match: PrincipalMatch | undefined,
  ): void {
    const i = this.length++;
    this.types[i] = type;
    this.levels[i] = level;
    this.policies[i] = policy;
    this.statements[i] = statement;
    this.matches[i] = match;
  }

  /** The reason for entry `i`; SCPs and RCPs are named `<level>/<policy>`. Reasons are shared, never changed. */
  reason(i: number): Reason {
    const statement = this.statements[i] as CompiledStatement;
    const type = this.types[i] as PolicyType;
    const level = this.levels[i];
    if (level === undefined) {
      // Read from the statement itself: no other object is loaded for a reason made before.
      if (statement.reasonType === type) return statement.reason as Reason;
      const reason = this.make(type, statement, (this.policies[i] as CompiledPolicy).name);
      statement.reasonType = type;
      statement.reason = reason;
      return reason;
    }
    // A short list of (level, reason) pairs, compared by pointer first: a decision meets the same
    // few level strings again and again. Past `levelPairs` levels, a map.
    const pairs = statement.levelReasons;
    if (pairs !== undefined) {
      for (let k = 0; k < pairs.length; k += 2) {
        if (pairs[k] === level) {
          const cached = pairs[k + 1] as Reason;
          if (cached.policyType === type) return cached;
        }
      }
    }
    const mapped = statement.reasonsByLevel?.get(level);
    if (mapped !== undefined && mapped.policyType === type) return mapped;
    const reason = this.make(type, statement, `${level}/${(this.policies[i] as CompiledPolicy).name}`);
    if (pairs === undefined) statement.levelReasons = [level, reason];
    else if (pairs.length < levelPairs * 2) pairs.push(level, reason);
    else {
      statement.reasonsByLevel ??= new Map();
      statement.reasonsByLevel.set(level, reason);
    }
    return reason;
  }

  private make(type: PolicyType, statement: CompiledStatement, name: string): Reason {
    const { index, sid, effect } = statement;
    return sid === undefined
      ? { policyType: type, policy: name, statement: index, effect }
      : { policyType: type, policy: name, statement: index, sid, effect };
  }

  /** The reasons for entries `from` (inclusive) to `to` (exclusive). */
  reasons(from = 0, to = this.length): Reason[] {
    // Sized once: a list grown by push would allocate room for 16 more.
    const reasons = new Array<Reason>(to - from);
    for (let i = from; i < to; i++) reasons[i - from] = this.reason(i);
    return reasons;
  }
}

/**
 * What one evaluation gathers besides the hits: the context keys that statements matching the
 * request read but the request lacks, and how to treat such keys. Like {@link HitList}, one is
 * reused for every decision; a request lacks few keys, so they are kept in a short list.
 */
export class MissingKeys {
  /** The lowercased names of the missing keys, in the order first noted. */
  private readonly lower: string[] = [];
  /** Their spellings in the policy that first read them. */
  private readonly spelled: string[] = [];
  private count = 0;
  /**
   * Undefined: absent keys follow AWS's missing-key rules (the request really lacks them).
   * `permissive` / `restrictive`: absent keys are unknown, as in analysis of what a principal
   * could do; a statement that reads one matches when that widens (permissive: Allow statements)
   * or narrows (restrictive: Deny statements) access, and otherwise does not.
   */
  unknown: UnknownContext | undefined = undefined;
  /**
   * With `unknown` set: keys known to be absent from the real request (lowercased), which follow
   * AWS's missing-key rules instead of being unknown.
   */
  absent: ReadonlySet<string> | undefined = undefined;

  /** Forgets the keys of the previous decision. */
  reset(unknown: UnknownContext | undefined, absent: ReadonlySet<string> | undefined): void {
    this.count = 0;
    this.unknown = unknown;
    this.absent = absent;
  }

  /** Records a missing key (lowercased) with its spelling, unless already recorded. */
  note(key: string, spelled: string): void {
    const count = this.count;
    for (let i = 0; i < count; i++) if (this.lower[i] === key) return;
    this.lower[count] = key;
    this.spelled[count] = spelled;
    this.count = count + 1;
  }

  /** The spellings of the missing keys, ordered by their lowercased names. */
  sortedSpellings(): readonly string[] {
    const count = this.count;
    if (count === 0) return noKeys;
    const lower = this.lower;
    const spelled = this.spelled;
    // Insertion sort of the scratch lists (a request lacks few keys), then one exactly sized copy.
    for (let i = 1; i < count; i++) {
      const key = lower[i] as string;
      const spelling = spelled[i] as string;
      let j = i - 1;
      while (j >= 0 && (lower[j] as string) > key) {
        lower[j + 1] = lower[j] as string;
        spelled[j + 1] = spelled[j] as string;
        j--;
      }
      lower[j + 1] = key;
      spelled[j + 1] = spelling;
    }
    const sorted = new Array<string>(count);
    for (let i = 0; i < count; i++) sorted[i] = spelled[i] as string;
    return sorted;
  }
}

/** No missing keys: shared, and frozen so that no caller can change it. */
const noKeys: readonly string[] = Object.freeze([]);

/** How {@link MissingKeys.unknown} resolves statements that read keys the context lacks. */
export type UnknownContext = 'permissive' | 'restrictive';

/**
 * Adds the statements of `policies` that apply to the request to `denies` and (when given)
 * `allows`, and returns how many allowed: the action matches (memoised per policy), the resource
 * matches, the principal matches (resource policies only, with `principalCheck`) and every
 * condition holds. Context keys that a matching statement reads but the request lacks go to
 * `missing`.
 *
 * This is the hot path of every decision: no closures, no spreads, no allocation.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 */
export function collectHits(
  policyType: PolicyType,
  level: string | undefined,
  policies: readonly CompiledPolicy[],
  request: EvaluationRequest,
  missing: MissingKeys,
  denies: HitList,
  allows: HitList | undefined,
  principalCheck: boolean,
  hasBoundary: boolean,
): number {
  let allowed = 0;
  for (let p = 0; p < policies.length; p++) {
    const policy = policies[p] as CompiledPolicy;
    const hits = policy.hitsFor(request.actionId, request.actionLower);
    // A lone statement is given as itself (one object less to load); one call site for both.
    const lone = !isList(hits);
    const count = lone ? 1 : hits.length;
    for (let s = 0; s < count; s++) {
      const statement = lone ? hits : (hits[s] as CompiledStatement);
      allowed += collectHit(
        policyType,
        level,
        policy,
        statement,
        request,
        missing,
        denies,
        allows,
        principalCheck,
        hasBoundary,
      );
    }
  }
  return allowed;
}

/** {@link collectHits} for one statement whose action matched: 1 when it adds an Allow, else 0. */
function collectHit(
  policyType: PolicyType,
  level: string | undefined,
  policy: CompiledPolicy,
  statement: CompiledStatement,
  request: EvaluationRequest,
  missing: MissingKeys,
  denies: HitList,
  allows: HitList | undefined,
  principalCheck: boolean,
  hasBoundary: boolean,
): number {
  let match: PrincipalMatch | undefined;
  if (principalCheck) {
    if (statement.principal) {
      match = matchPrincipal(statement.principal, request);
      if (match === undefined) return 0;
    } else if (statement.notPrincipal) {
      // A Deny with NotPrincipal always denies a principal that has a permissions boundary.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
      const boundaryTrap = statement.effect === 'Deny' && hasBoundary;
      if (!boundaryTrap && isExcludedByNotPrincipal(statement.notPrincipal, request)) return 0;
      match = 'wildcard';
    } else {
      return 0;
    }
  }
  if (!statementMatchesRequest(statement, request, missing)) return 0;
  if (statement.effect === 'Deny') {
    denies.push(policyType, level, policy, statement, match);
    return 0;
  }
  allows?.push(policyType, level, policy, statement, match);
  return 1;
}

/**
 * Whether the resource and conditions of a statement (whose action already matched) hold.
 * A part whose keys the context lacks is decided by `missing.unknown` when that is set.
 *
 * Every key a condition reads is reported when absent, even after a condition has failed, so the
 * missing keys do not depend on the order of the conditions.
 */
export function statementMatchesRequest(
  statement: CompiledStatement,
  request: EvaluationRequest,
  missing: MissingKeys,
): boolean {
  if (missing.unknown !== undefined) return statementMatchesWithUnknowns(statement, request, missing);
  const context = request.context;
  const mode = statement.resourceMode;
  if (mode !== 0 || statement.notResource) {
    let matched = true;
    if (mode === 1) matched = request.resource.text === statement.resourceText;
    else if (mode === 2) matched = request.resource.text.startsWith(statement.resourceText);
    else if (mode === 4) {
      const text = request.resource.text;
      const prefix = statement.resourceText;
      matched = text.startsWith(prefix) && text.indexOf(statement.resourceMiddle, prefix.length) >= 0;
    } else if (mode === 5) {
      const alternatives = (statement.resource as ResourceMatcher).alternatives as readonly SimpleShape[];
      matched = false;
      for (let k = 0; k < alternatives.length; k++) {
        if (matchesShape(alternatives[k] as SimpleShape, request.resource.text)) {
          matched = true;
          break;
        }
      }
    } else if (mode === 3) {
      const resource = statement.resource as ResourceMatcher;
      if (resource.keys.length > 0) noteMissing(resource.keys, undefined, context, missing);
      matched = resource.test(request.resource.text, context);
    }
    if (matched === statement.notResource) return false;
  }
  const conditions = statement.conditions;
  const slots = request.contextSlots;
  let holds = true;
  for (let i = 0; i < conditions.length; i++) {
    const condition = conditions[i] as CompiledCondition;
    // One lookup of the condition key serves the missing-key report and the test: an array load
    // where the request and the condition have key ids, else the map.
    const id = condition.keyId;
    const values =
      slots !== undefined && id >= 0
        ? id < slots.length
          ? slots[id]
          : undefined
        : context.get(condition.keyLower);
    if (values === undefined) missing.note(condition.keyLower, condition.key);
    if (condition.readsOtherKeys) noteMissing(condition.keys, condition.key, context, missing);
    if (!holds) continue;
    // `testValues`, with its common case (a single-valued operator) inlined.
    const matches = condition.matches;
    if (values === undefined || values.length === 0) holds = condition.whenAbsent;
    else if (matches === undefined) holds = condition.testValues(values, context);
    else holds = values.length === 1 && matches(values[0] as string, context) !== condition.negated;
  }
  return holds;
}

/** {@link statementMatchesRequest} when absent keys may be unknown (`missing.unknown` is set). */
function statementMatchesWithUnknowns(
  statement: CompiledStatement,
  request: EvaluationRequest,
  missing: MissingKeys,
): boolean {
  const context = request.context;
  const mode = missing.unknown;
  let unknown = false;
  const resource = statement.resource;
  if (resource) {
    const absent = resource.keys.length > 0 && noteMissing(resource.keys, undefined, context, missing);
    if (absent && mode !== undefined && hasUnknown(resource.keys, context, missing)) unknown = true;
    else if (resource.test(request.resource.text, context) === statement.notResource) return false;
  }
  const conditions = statement.conditions;
  if (conditions.length > 0) {
    // First note every missing key (all of them are reported), then test the known conditions.
    let unknownMask = 0;
    for (let i = 0; i < conditions.length; i++) {
      const condition = conditions[i] as CompiledCondition;
      const absent = noteMissing(condition.keys, condition.key, context, missing);
      if (absent && mode !== undefined && hasUnknown(condition.keys, context, missing)) {
        unknown = true;
        if (i < 31) unknownMask |= 1 << i;
      }
    }
    for (let i = 0; i < conditions.length; i++) {
      if (i < 31 && (unknownMask & (1 << i)) !== 0) continue;
      const condition = conditions[i] as CompiledCondition;
      if (i >= 31 && mode !== undefined && hasUnknown(condition.keys, context, missing)) continue;
      if (!condition.test(context)) return false;
    }
  }
  if (unknown) return (statement.effect === 'Allow') === (mode === 'permissive');
  return true;
}

/** Whether some key is missing from the context without being known to be absent. */
function hasUnknown(
  keys: readonly string[],
  context: EvaluationRequest['context'],
  missing: MissingKeys,
): boolean {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (!context.has(key) && !missing.absent?.has(key)) return true;
  }
  return false;
}

/** Records the keys the context lacks; returns whether any was absent. */
function noteMissing(
  keys: readonly string[],
  spelled: string | undefined,
  context: EvaluationRequest['context'],
  missing: MissingKeys,
): boolean {
  let absent = false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (context.has(key)) continue;
    absent = true;
    missing.note(key, spelled !== undefined && key === spelled.toLowerCase() ? spelled : key);
  }
  return absent;
}
