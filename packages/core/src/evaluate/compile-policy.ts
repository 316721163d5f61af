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
   * `resourceText`, 3 by `resource.test`. `notResource` inverts the match.
   */
  readonly resourceMode: 0 | 1 | 2 | 3;
  readonly resourceText: string;
  readonly notResource: boolean;
  /** Undefined when the statement has neither `Resource` nor `NotResource` (trust policies). */
  readonly resource: ResourceMatcher | undefined;
  readonly conditions: readonly CompiledCondition[];
  readonly principal: PrincipalBlock | undefined;
  readonly notPrincipal: PrincipalBlock | undefined;
  /** Unique among all statements compiled by this process: identifies the statement in signatures. */
  readonly uid: number;
  readonly index: number;
  readonly sid: string | undefined;
  readonly matchesAction: (actionLower: string) => boolean;
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
  /**
   * {@link statementsFor} for the evaluator: the index in {@link hitTable} of the statements as
   * {@link FlatHits} entries (one inline; several as a {@link manyHits} slot; none as
   * {@link noHits}), the fields a decision reads side by side. Valid until the next call of any
   * policy's `hitSlot`.
   */
  hitSlot(actionId: number, actionLower: string): number;
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

/**
 * The statements of a policy matching one action, {@link hitStride} entries each:
 * `[bits, resourceText, conditions, statement, ...]` (see {@link HitField}).
 */
export type FlatHits = readonly unknown[];

/** The entries of one statement in {@link FlatHits} and in the {@link hitTable}, by offset. */
export const HitField = {
  /**
   * {@link CompiledStatement.resourceMode} in bits 0-1, `notResource` in bit 2, a Deny in bit 3.
   * In a {@link hitTable} slot, {@link noHits} or {@link manyHits} instead when the policy has
   * not exactly one matching statement.
   */
  bits: 0,
  /** {@link CompiledStatement.resourceText}; in a {@link manyHits} slot, the {@link FlatHits}. */
  resourceText: 1,
  /** {@link CompiledStatement.conditions}. */
  conditions: 2,
  /** The {@link CompiledStatement}. */
  statement: 3,
} as const;

/** The number of entries per statement in {@link FlatHits}. */
export const hitStride = 4;
/** Bit 2 of {@link HitField.bits}: the statement has `NotResource`. */
export const notResourceBit = 4;
/** Bit 3 of {@link HitField.bits}: the statement denies. */
export const denyBit = 8;
/** {@link HitField.bits} of a slot whose policy has no statement matching the action. */
export const noHits = -1;
/** {@link HitField.bits} of a slot whose policy has several: its `resourceText` is the {@link FlatHits}. */
export const manyHits = -2;

/**
 * The entries of a {@link hitTable} slot: the policy's number and the action id, then one
 * statement as in {@link FlatHits}.
 */
export const slotSize = 2 + hitStride;
/** The number of slots of the {@link hitTable}: a power of two. */
const tableSlots = 1 << 20;

/**
 * One table for every policy, direct-mapped by (policy, action): each slot holds the policy's
 * statements for the action, the lone statement's fields inline. Why one shared table rather
 * than one per policy: a batch of requests over many principals is bound by memory access, and
 * a decision reads about ten policies; from one table, each takes a single cache line (the slot)
 * instead of the policy's own table and then its list. A slot taken by another (policy, action)
 * is refilled from the policy's memo. Created on first use.
 */
let table: unknown[] | undefined;

/** The {@link hitTable} slots (created by the first {@link CompiledPolicy.hitSlot}). */
export function hitTable(): readonly unknown[] {
  return table as readonly unknown[];
}

let nextPolicyNumber = 0;

/** A compiled policy with its per-action memo. */
class MemoisedPolicy implements CompiledPolicy {
  /** Unique among the policies of this process (wrapping past 2^30): the policy's key in the {@link hitTable}. */
  private readonly number = nextPolicyNumber++ & 0x3fffffff;
  private readonly memo = new Map<number, readonly CompiledStatement[]>();
  private readonly flatMemo = new Map<number, FlatHits>();

  constructor(
    readonly name: string,
    readonly statements: readonly CompiledStatement[],
  ) {}

  statementsFor(actionId: number, actionLower: string): readonly CompiledStatement[] {
    let list = actionId >= 0 ? this.memo.get(actionId) : undefined;
    if (list === undefined) {
      list = this.statements.filter((s) => s.matchesAction(actionLower));
      if (list.length === 0) list = noStatements;
      if (actionId >= 0) this.memo.set(actionId, list);
    }
    return list;
  }

  hitSlot(actionId: number, actionLower: string): number {
    const number = this.number;
    // The last slot is scratch, for actions without an id.
    const at =
      actionId < 0
        ? tableSlots * slotSize
        : ((Math.imul(number, 0x9e3779b1) ^ actionId) & (tableSlots - 1)) * slotSize;
    const slots = table ?? newTable();
    // The scratch slot is refilled every time: -1 is not one action.
    if (slots[at] === number && slots[at + 1] === actionId && actionId >= 0) return at + 2;
    let flat = actionId >= 0 ? this.flatMemo.get(actionId) : undefined;
    if (flat === undefined) {
      flat = flatten(this.statementsFor(actionId, actionLower));
      if (actionId >= 0) this.flatMemo.set(actionId, flat);
    }
    slots[at] = number;
    slots[at + 1] = actionId;
    if (flat.length === hitStride) {
      for (let i = 0; i < hitStride; i++) slots[at + 2 + i] = flat[i];
    } else {
      slots[at + 2 + HitField.bits] = flat.length === 0 ? noHits : manyHits;
      slots[at + 2 + HitField.resourceText] = flat;
      slots[at + 2 + HitField.conditions] = undefined;
      slots[at + 2 + HitField.statement] = undefined;
    }
    return at + 2;
  }
}

function newTable(): unknown[] {
  // -1 is no policy's number: every slot starts empty.
  table = new Array<unknown>((tableSlots + 1) * slotSize).fill(-1);
  return table;
}

/** The {@link FlatHits} of a list of statements. */
function flatten(statements: readonly CompiledStatement[]): FlatHits {
  if (statements.length === 0) return noFlatHits;
  const flat: unknown[] = [];
  for (const statement of statements) {
    const bits =
      statement.resourceMode |
      (statement.notResource ? notResourceBit : 0) |
      (statement.effect === 'Deny' ? denyBit : 0);
    flat.push(bits, statement.resourceText, statement.conditions, statement);
  }
  return flat;
}

const noFlatHits: FlatHits = Object.freeze([]);

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
    resourceMode: resource === undefined ? 0 : resourceModes[resource.shape],
    resourceText: resource?.text ?? '',
    notResource: statement.notResource !== undefined,
    resource,
    conditions: conditions.length > 0 ? conditions : noConditions,
    principal: statement.principal,
    notPrincipal: statement.notPrincipal,
    uid: nextUid++,
    index: statement.index,
    sid: statement.sid,
    matchesAction,
    reasonCache: { plain: undefined, byLevel: undefined },
  };
  return compiled;
}

const resourceModes = { any: 0, exact: 1, prefix: 2, other: 3 } as const;
const noConditions: readonly CompiledCondition[] = [];
