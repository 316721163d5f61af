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
 * which keeps the property loads of the evaluation loop monomorphic.
 */
export interface CompiledStatement {
  /** Unique among all statements compiled by this process: identifies the statement in signatures. */
  readonly uid: number;
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: Effect;
  readonly matchesAction: (actionLower: string) => boolean;
  /** Undefined when the statement has neither `Resource` nor `NotResource` (trust policies). */
  readonly resource: ResourceMatcher | undefined;
  readonly notResource: boolean;
  readonly principal: PrincipalBlock | undefined;
  readonly notPrincipal: PrincipalBlock | undefined;
  readonly conditions: readonly CompiledCondition[];
  /** Reasons made for this statement, reused so that a decision allocates none. */
  readonly reasonCache: ReasonCache;
}

/**
 * The reasons made for one statement. A statement belongs to one compiled policy, so a reason
 * depends only on the policy type and, for SCPs and RCPs, the level the policy is attached at
 * (`FullAWSAccess` is attached at every level of an organization).
 */
export interface ReasonCache {
  /** The reason where the policy has no level (identity, boundary, session, resource). */
  plain: Reason | undefined;
  /** The reasons per organization level. */
  byLevel: Map<string, Reason> | undefined;
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
  const memo = new Map<number, readonly CompiledStatement[]>();
  return ok(
    {
      name,
      statements,
      statementsFor(actionId, actionLower) {
        let hits = memo.get(actionId);
        if (!hits) {
          hits = statements.filter((s) => s.matchesAction(actionLower));
          if (actionId >= 0) memo.set(actionId, hits);
        }
        return hits;
      },
    },
    diagnostics,
  );
}

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
  return {
    uid: nextUid++,
    index: statement.index,
    sid: statement.sid,
    effect: statement.effect,
    matchesAction,
    resource: resourceValues ? compileResourcePatterns(resourceValues, policy.version) : undefined,
    notResource: statement.notResource !== undefined,
    principal: statement.principal,
    notPrincipal: statement.notPrincipal,
    conditions,
    reasonCache: { plain: undefined, byLevel: undefined },
  };
}
