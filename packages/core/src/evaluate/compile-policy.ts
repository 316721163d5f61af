import { compileCondition } from '../condition/compile-condition.js';
import type { CompiledCondition } from '../condition/compiled.js';
import { type Diagnostic, fail, hasErrors, joinPath, ok, type Result } from '../diagnostics/diagnostic.js';
import { compileActionPatterns } from '../match/action-pattern.js';
import { compileResourcePatterns, type ResourceMatcher } from '../match/resource-pattern.js';
import { checkPolicyType } from '../policy/check-policy-type.js';
import { parsePolicy } from '../policy/parse-policy.js';
import type { Effect, Policy, PolicyType, PrincipalBlock, Statement } from '../policy/types.js';
import type { Reason } from './types.js';

/**
 * A statement compiled for fast, repeated evaluation. Every field is always present (`undefined`
 * where the statement lacks the element) so that all compiled statements share one object shape,
 * which keeps the property loads of the evaluation loop monomorphic. The fields a decision reads
 * come first, so that they share the object's first cache line.
 */
export interface CompiledStatement {
  readonly effect: Effect;
  /**
   * How the resource is matched (see `ResourceMatcher.shape`): 0 every resource (`*`, or no
   * `Resource` at all as in trust policies), 1 equal to `resourceText`, 2 starting with
   * `resourceText`, 3 by `resource.test`, 4 starting with `resourceText` and holding
   * `resourceMiddle` after it, 5 by the shapes of `resource.alternatives`. `notResource` inverts
   * the match.
   */
  readonly resourceMode: 0 | 1 | 2 | 3 | 4 | 5;
  readonly resourceText: string;
  /** Mode 4: the resource starts with `resourceText` and holds `resourceMiddle` after it. */
  readonly resourceMiddle: string;
  readonly notResource: boolean;
  /** Undefined when the statement has neither `Resource` nor `NotResource` (trust policies). */
  readonly resource: ResourceMatcher | undefined;
  readonly conditions: readonly CompiledCondition[];
  /**
   * The reason made for this statement where its policy has no level (identity, boundary, session,
   * resource), and the policy type it was made for: a decision allocates no reason, and reads no
   * other object to find one. A statement belongs to one compiled policy, but one policy can be
   * used as two types (a managed policy that is also a boundary).
   */
  reasonType: PolicyType | undefined;
  reason: Reason | undefined;
  readonly principal: PrincipalBlock | undefined;
  readonly notPrincipal: PrincipalBlock | undefined;
  /** Unique among all statements compiled by this process: identifies the statement in signatures. */
  readonly uid: number;
  readonly index: number;
  readonly sid: string | undefined;
  readonly matchesAction: (actionLower: string) => boolean;
  /**
   * The reasons made for this statement per organization level (SCPs and RCPs: `FullAWSAccess` is
   * attached at every level): `[level, reason, ...]` for the first few levels, then a map.
   */
  levelReasons: (string | Reason)[] | undefined;
  reasonsByLevel: Map<string, Reason> | undefined;
  /** `[this statement]`, the list {@link CompiledPolicy.statementsFor} gives when it matches alone. */
  readonly alone: readonly CompiledStatement[];
}

/** A policy compiled once and evaluated many times. */
export interface CompiledPolicy {
  readonly name: string;
  readonly statements: readonly CompiledStatement[];
  /**
   * The statements whose `Action`/`NotAction` matches a lowercased action, memoised by the
   * action's id (from `actionIdOf`; -1 means do not memoise).
   */
  statementsFor(actionId: number, actionLower: string): readonly CompiledStatement[];
  /**
   * {@link statementsFor} for the evaluator: a statement that matches alone is given as itself,
   * so that the decision reads one object less.
   */
  hitsFor(actionId: number, actionLower: string): CompiledStatement | readonly CompiledStatement[];
}

/**
 * Parses and compiles a policy document, and when `type` is given, checks the grammar rules of
 * that policy type (no `Principal` in identity-based policies, and so on). Diagnostics carry
 * paths below `path`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
export function compilePolicyDocument(
  name: string,
  document: unknown,
  path = '',
  type?: PolicyType,
): Result<CompiledPolicy> {
  const parsed = parsePolicy(document, path);
  if (!parsed.ok) return parsed;
  const misplaced = type ? checkPolicyType(parsed.value, type, path) : [];
  if (misplaced.length > 0) return fail(misplaced);
  const compiled = compilePolicy(name, parsed.value, path);
  if (!compiled.ok) return compiled;
  return ok(compiled.value, [...parsed.diagnostics, ...compiled.diagnostics]);
}

/** Compiles a parsed policy. */
export function compilePolicy(name: string, policy: Policy, path = ''): Result<CompiledPolicy> {
  const diagnostics: Diagnostic[] = [];
  const statements = policy.statements.map((statement) =>
    compileStatement(statement, policy, statementPath(path, statement, policy), diagnostics),
  );
  if (hasErrors(diagnostics)) return fail(diagnostics);
  return ok(new MemoisedPolicy(name, statements), diagnostics);
}

/** The size of each policy's direct-mapped action table; action ids are dense, see `actionIdOf`. */
const slots = 64;

/**
 * A compiled policy with its per-action memo. Why a small direct-mapped table in front of a Map:
 * a decision looks up about ten policies, and the set of policies and statements a batch reads
 * is larger than the processor's caches, so each lookup should touch as little memory as
 * possible: one array holding the action id and its statements side by side.
 */
class MemoisedPolicy implements CompiledPolicy {
  /** `[id, hits, id, hits, ...]` by `id % slots` (-2: empty); created on first use. */
  private table: unknown[] | undefined = undefined;
  private readonly memo = new Map<number, readonly CompiledStatement[]>();

  constructor(
    readonly name: string,
    readonly statements: readonly CompiledStatement[],
  ) {}

  statementsFor(actionId: number, actionLower: string): readonly CompiledStatement[] {
    const hits = this.hitsFor(actionId, actionLower);
    return isList(hits) ? hits : hits.alone;
  }

  hitsFor(actionId: number, actionLower: string): CompiledStatement | readonly CompiledStatement[] {
    const at = (actionId & (slots - 1)) << 1;
    const table = this.table;
    if (table !== undefined && table[at] === actionId) {
      return table[at + 1] as CompiledStatement | readonly CompiledStatement[];
    }
    let list = this.memo.get(actionId);
    if (list === undefined) {
      list = matchingStatements(this.statements, actionLower);
      if (list.length === 0) list = noStatements;
      if (actionId >= 0) this.memo.set(actionId, list);
    }
    const hits = list.length === 1 ? (list[0] as CompiledStatement) : list;
    if (actionId >= 0) {
      const filled = table ?? new Array<unknown>(slots * 2).fill(-2);
      this.table = filled;
      filled[at] = actionId;
      filled[at + 1] = hits;
    }
    return hits;
  }
}

/**
 * The statements whose action matches. A function of its own, without a closure: a closure over
 * `actionLower` inside `hitsFor` would make V8 allocate a context on every call of `hitsFor`,
 * hits included (about ten per decision, a third of a decision's garbage).
 */
function matchingStatements(
  statements: readonly CompiledStatement[],
  actionLower: string,
): readonly CompiledStatement[] {
  const matching: CompiledStatement[] = [];
  for (const statement of statements) if (statement.matchesAction(actionLower)) matching.push(statement);
  return matching;
}

/** Whether hits are a list rather than one statement. */
export function isList(
  hits: CompiledStatement | readonly CompiledStatement[],
): hits is readonly CompiledStatement[] {
  return Array.isArray(hits);
}

const noStatements: readonly CompiledStatement[] = [];

function statementPath(path: string, statement: Statement, policy: Policy): string {
  const base = joinPath(path, 'Statement');
  return policy.statementArray ? joinPath(base, statement.index) : base;
}

let nextUid = 0;

function compileStatement(
  statement: Statement,
  policy: Policy,
  path: string,
  diagnostics: Diagnostic[],
): CompiledStatement {
  const actionTest = compileActionPatterns(statement.action ?? statement.notAction ?? []);
  const matchesAction = statement.notAction ? (a: string) => !actionTest(a) : actionTest;
  const resourceValues = statement.resource ?? statement.notResource;
  const conditions: CompiledCondition[] = [];
  for (const test of statement.conditions) {
    const compiled = compileCondition(
      test,
      policy.version,
      joinPath(joinPath(path, 'Condition'), test.operator),
    );
    diagnostics.push(...compiled.diagnostics);
    if (compiled.ok) conditions.push(compiled.value);
  }
  const resource = resourceValues ? compileResourcePatterns(resourceValues, policy.version) : undefined;
  const compiled: { -readonly [K in keyof CompiledStatement]: CompiledStatement[K] } = {
    effect: statement.effect,
    resourceMode: resourceModeOf(resource),
    resourceText: resource?.text ?? '',
    resourceMiddle: resource?.middle ?? '',
    notResource: statement.notResource !== undefined,
    resource,
    conditions: conditions.length > 0 ? conditions : noConditions,
    reasonType: undefined,
    reason: undefined,
    principal: statement.principal,
    notPrincipal: statement.notPrincipal,
    uid: nextUid++,
    index: statement.index,
    sid: statement.sid,
    matchesAction,
    levelReasons: undefined,
    reasonsByLevel: undefined,
    alone: noStatements,
  };
  compiled.alone = [compiled];
  return compiled;
}

const resourceModes = { any: 0, exact: 1, prefix: 2, other: 3, contains: 4 } as const;

function resourceModeOf(resource: ResourceMatcher | undefined): CompiledStatement['resourceMode'] {
  if (resource === undefined) return 0;
  return resource.alternatives !== undefined ? 5 : resourceModes[resource.shape];
}
const noConditions: readonly CompiledCondition[] = [];
