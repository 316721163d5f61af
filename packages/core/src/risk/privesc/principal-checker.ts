import { type PrincipalSide, requestFor } from '../../access/simulate-input-for.js';
import { compileGlob } from '../../condition/glob.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { decideWithUnknowns } from '../../evaluate/decide-with-unknowns.js';
import type { PolicySet } from '../../evaluate/evaluate-request.js';
import type { NamedPolicyInput, Reason } from '../../evaluate/types.js';
import { compare, type EscalationEnv, type PrincipalNode } from './escalation-env.js';
import type { Outcome, PermissionCheck } from './types.js';

/**
 * Context keys whose value the attacker chooses in its own request: the tags it puts on what it
 * creates and the region it sends the request to. A condition on them alone does not stop it.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requesttag
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion
 */
function isAttackerControlled(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.startsWith('aws:requesttag/') || lower === 'aws:tagkeys' || lower === 'aws:requestedregion';
}

/** At most this many resource ARNs are tried for an action on a resource the attacker names. */
const maxNewResourceCandidates = 8;

/** An Allow statement, as far as the pre-filters read it. */
interface AllowStatement {
  readonly actions: readonly string[] | undefined;
  readonly notActions: readonly string[] | undefined;
  readonly resources: readonly string[];
  readonly notResource: boolean;
}

/** The Allow statements of policies, and the relevant actions (lowercased) they could allow. */
function allowStatementsOf(
  env: EscalationEnv,
  policies: readonly NamedPolicyInput[],
): { statements: AllowStatement[]; candidates: Set<string> } {
  const candidates = new Set<string>();
  const statements: AllowStatement[] = [];
  for (const named of policies) {
    for (const s of env.parse(named.policy)?.statements ?? []) {
      if (s.effect !== 'Allow') continue;
      statements.push({
        actions: s.action,
        notActions: s.notAction,
        resources: s.resource ?? ['*'],
        notResource: s.notResource !== undefined,
      });
      if (s.action) for (const p of s.action) for (const a of env.relevantMatches(p)) candidates.add(a);
      else {
        const excluded = new Set((s.notAction ?? []).flatMap((p) => env.relevantMatches(p)));
        for (const a of env.relevantActions()) if (!excluded.has(a)) candidates.add(a);
      }
    }
  }
  return { statements, candidates };
}

const denied = (actions: readonly string[]): PermissionCheck => ({
  outcome: 'Denied',
  actions,
  keys: [],
  reasons: [],
});

/**
 * Decides the permissions one principal would use, with every policy of the snapshot applied
 * (identity policies, boundary, SCPs, RCPs, resource policy) and three-valued for context the
 * snapshot cannot know (`decideWithUnknowns`). A cheap pre-filter first: the relevant actions the
 * principal's Allow statements could allow at all (its `Action` patterns, or everything its
 * `NotAction` leaves); an action outside them on a resource without a resource policy is denied
 * without evaluation.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export class PrincipalChecker {
  /** Relevant actions (lowercased) some Allow statement of the principal's policies names. */
  readonly candidates: ReadonlySet<string>;
  private readonly allowStatements: readonly AllowStatement[];
  /** The Allow statements of the permissions boundary, when there is one. */
  private readonly boundaryStatements: readonly AllowStatement[] | undefined;
  private readonly resourceTests = new Map<string, ((arn: string) => boolean) | undefined>();
  private readonly sets = new Map<string, PolicySet | undefined>();
  private readonly cache = new Map<string, PermissionCheck>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly env: EscalationEnv,
    readonly node: PrincipalNode,
    readonly side: PrincipalSide,
  ) {
    const identity = allowStatementsOf(env, side.identityPolicies);
    const boundary =
      side.permissionBoundaries.length > 0 ? allowStatementsOf(env, side.permissionBoundaries) : undefined;
    this.candidates = boundary
      ? new Set([...identity.candidates].filter((a) => boundary.candidates.has(a)))
      : identity.candidates;
    this.allowStatements = identity.statements;
    this.boundaryStatements = boundary?.statements;
  }

  /** Whether some Allow statement of the principal's identity policies (and boundary) could allow the action. */
  has(action: string): boolean {
    return this.candidates.has(action.toLowerCase());
  }

  /**
   * Whether some Allow statement naming the action could match the resource (and, with a
   * permissions boundary, some boundary statement too): its `Resource`
   * patterns read as plain wildcards over the whole ARN (looser than AWS's per-segment matching,
   * and any pattern with a policy variable or a `NotResource` counts as matching), so a `false` is
   * certain. Lets targets outside every pattern be skipped without an evaluation.
   */
  mayAllowOn(action: string, resourceArn: string): boolean {
    const lower = action.toLowerCase();
    let test = this.resourceTests.get(lower);
    if (!this.resourceTests.has(lower)) {
      const identity = this.resourceTest(this.allowStatements, lower);
      const boundary = this.boundaryStatements && this.resourceTest(this.boundaryStatements, lower);
      test =
        identity === undefined || (this.boundaryStatements && boundary === undefined)
          ? undefined
          : boundary
            ? (arn) => identity(arn) && boundary(arn)
            : identity;
      this.resourceTests.set(lower, test);
    }
    return test?.(resourceArn) ?? false;
  }

  private resourceTest(
    statements: readonly AllowStatement[],
    lower: string,
  ): ((arn: string) => boolean) | undefined {
    const tests: ((arn: string) => boolean)[] = [];
    for (const s of statements) {
      if (!this.statementNames(s, lower)) continue;
      for (const pattern of s.notResource ? ['*'] : s.resources) {
        tests.push(pattern.includes('${') ? () => true : compileGlob(pattern));
      }
    }
    return tests.length === 0 ? undefined : (arn) => tests.some((t) => t(arn));
  }

  private statementNames(
    s: {
      readonly actions: readonly string[] | undefined;
      readonly notActions: readonly string[] | undefined;
    },
    lower: string,
  ): boolean {
    return s.actions
      ? s.actions.some((p) => this.env.relevantMatches(p).includes(lower))
      : !(s.notActions ?? []).some((p) => this.env.relevantMatches(p).includes(lower));
  }

  /** This principal with other policies (a boundary or a Deny removed): what it would hold after. */
  withSide(side: PrincipalSide): PrincipalChecker {
    return new PrincipalChecker(this.env, this.node, side);
  }

  /** One action on one existing resource, with extra context (such as `iam:PassedToService`). */
  check(
    action: string,
    resourceArn: string,
    context: Readonly<Record<string, string>> = {},
  ): PermissionCheck {
    const key = `${action}\u0000${resourceArn}\u0000${JSON.stringify(context)}`;
    const known = this.cache.get(key);
    if (known) return known;
    const check = this.evaluate(action, resourceArn, context);
    this.cache.set(key, check);
    return check;
  }

  /**
   * One action on a resource the attacker creates and names itself (a new function, stack,
   * instance...): the resources the principal's Allow statements name for the action, made
   * concrete (wildcards filled in, the account's usual region), and the action's own resource
   * type; the most permissive outcome wins.
   */
  checkNew(action: string, context: Readonly<Record<string, string>> = {}): PermissionCheck {
    if (!this.has(action)) return denied([action]);
    const key = `new\u0000${action}\u0000${JSON.stringify(context)}`;
    const known = this.cache.get(key);
    if (known) return known;
    let best = denied([action]);
    for (const { arn, regionChosen } of this.newResourceCandidates(action)) {
      const check = this.evaluate(action, arn, context, regionChosen ? 'chosen-region' : 'new');
      best = better(best, check);
      if (best.outcome === 'Allowed') break;
    }
    this.cache.set(key, best);
    return best;
  }

  /**
   * Any action (not only the methods' relevant ones) on one resource, decided by the engine
   * without the pre-filter and without caching: for comparing what a principal may do before and
   * after a change of its policies.
   */
  decide(action: string, resourceArn: string): PermissionCheck {
    return this.evaluate(action, resourceArn, {}, 'existing', false);
  }

  private evaluate(
    action: string,
    resourceArn: string,
    context: Readonly<Record<string, string>>,
    resourceKind: 'existing' | 'new' | 'chosen-region' = 'existing',
    prefilter = true,
  ): PermissionCheck {
    const account = this.node.account.id;
    const side = this.env.resourceSide(resourceArn, action, account);
    if (
      prefilter &&
      side.resourcePolicy === undefined &&
      !(resourceKind === 'existing' ? this.mayAllowOn(action, resourceArn) : this.has(action))
    )
      return denied([action]);
    const setKey = `${resourceArn}\u0000${action.slice(0, action.indexOf(':')).toLowerCase()}`;
    let set = this.sets.get(setKey);
    if (!this.sets.has(setKey)) {
      set = this.env.policySets(this.side, side, this.diagnostics);
      this.sets.set(setKey, set);
    }
    if (!set) return denied([action]);
    // A resource the attacker creates is in its account, in the region it sends the request to:
    // where the policies leave the region open, `aws:RequestedRegion` is its choice (unknown).
    const sideContext: Record<string, string | readonly string[]> = { ...side.context };
    if (resourceKind === 'chosen-region') delete sideContext['aws:RequestedRegion'];
    const request = requestFor(this.env.snapshot, this.node.arn, this.side, action, resourceArn, {
      ...side,
      ...(resourceKind !== 'existing' ? { resourceAccount: account } : {}),
      context: { ...sideContext, ...context },
    });
    if (!request.ok) {
      this.diagnostics.push(...request.diagnostics);
      return denied([action]);
    }
    const decision = decideWithUnknowns(set, request.value, this.env.options);
    let outcome: Outcome = decision.outcome;
    let keys = decision.keys;
    if (outcome === 'Conditional' && keys.every(isAttackerControlled)) {
      outcome = 'Allowed';
      keys = [];
    }
    return {
      outcome,
      actions: [action],
      keys,
      reasons: outcome === 'Denied' ? [] : decision.result.reasons,
    };
  }

  private newResourceCandidates(action: string): { arn: string; regionChosen: boolean }[] {
    const lower = action.toLowerCase();
    const arns: { arn: string; regionChosen: boolean }[] = [];
    const add = (candidate: { arn: string; regionChosen: boolean } | undefined) => {
      if (candidate && !arns.some((a) => a.arn === candidate.arn)) arns.push(candidate);
    };
    for (const s of this.allowStatements) {
      if (!this.statementNames(s, lower)) continue;
      for (const pattern of s.resources) add(this.instantiate(pattern));
    }
    add(this.defaultArn(action));
    return arns.slice(0, maxNewResourceCandidates);
  }

  /** An ARN pattern of a statement as one concrete ARN the attacker could choose. */
  private instantiate(pattern: string): { arn: string; regionChosen: boolean } | undefined {
    const parts = pattern.split(':');
    if (parts.length < 6 || parts[0] !== 'arn') return undefined;
    const wild = (text: string) => /[*?]/.test(text);
    const [, partition = '', service = '', region = '', account = ''] = parts;
    if (wild(service)) return undefined;
    const rest = parts.slice(5).join(':').replace(/[*?]/g, 'x');
    const arn = [
      'arn',
      wild(partition) ? this.node.account.partition : partition,
      service,
      region === '' ? '' : wild(region) ? this.env.regionOf(this.node.account.id) : region,
      account === '' ? '' : wild(account) ? this.node.account.id : account,
      rest,
    ].join(':');
    return { arn, regionChosen: wild(region) };
  }

  /** An ARN of the action's first resource type, from the catalog's ARN template; `*` if none. */
  private defaultArn(action: string): { arn: string; regionChosen: boolean } {
    const { catalog, resourceTypes } = this.env.tools;
    const info = catalog.findAction(action);
    const typeName = info?.resourceTypes.find((t) => t.required)?.name ?? info?.resourceTypes[0]?.name;
    if (!info || typeName === undefined) return { arn: '*', regionChosen: true };
    const definition = resourceTypes.resourceTypesForService(info.service).find((t) => t.type === typeName);
    const template = definition?.arnTemplates[0];
    if (template === undefined) return { arn: '*', regionChosen: true };
    const arn = template
      .replace('${Partition}', this.node.account.partition)
      .replace('${Region}', this.env.regionOf(this.node.account.id))
      .replace('${Account}', this.node.account.id)
      .replace(/\$\{[^}]*\}/g, 'accessloop-new');
    return { arn, regionChosen: template.includes('${Region}') };
  }
}

const rank: Record<Outcome, number> = { Allowed: 2, Conditional: 1, Denied: 0 };

/** The more permissive of two checks of the same permission. */
export function better(a: PermissionCheck, b: PermissionCheck): PermissionCheck {
  return rank[b.outcome] > rank[a.outcome] ? b : a;
}

/** The most permissive of alternatives (one of several actions will do). */
export function anyOf(checks: readonly PermissionCheck[]): PermissionCheck {
  let best = denied(checks.flatMap((c) => c.actions).slice(0, 1));
  for (const c of checks) best = better(best, c);
  return best;
}

/**
 * The permissions of a method's `needs` (alternatives of conjunctions), evaluated lazily: a
 * conjunction stops at its first denied action, and the alternatives stop at the first allowed one.
 */
export function decideNeeds(
  needs: readonly (readonly string[])[],
  on: (action: string) => PermissionCheck,
): PermissionCheck {
  let best = denied(needs[0]?.slice(0, 1) ?? []);
  for (const all of needs) {
    const checks: PermissionCheck[] = [];
    for (const action of all) {
      const check = on(action);
      if (check.outcome === 'Denied') break;
      checks.push(check);
    }
    if (checks.length < all.length) continue;
    best = better(best, allOf(checks));
    if (best.outcome === 'Allowed') break;
  }
  return best;
}

/**
 * Permissions needed together: denied if any is, conditional if any is (with every key), and
 * every action and granting statement once.
 */
export function allOf(checks: readonly PermissionCheck[]): PermissionCheck {
  let outcome: Outcome = 'Allowed';
  for (const c of checks) {
    if (c.outcome === 'Denied') return denied(c.actions);
    if (c.outcome === 'Conditional') outcome = 'Conditional';
  }
  const keys = [...new Set(checks.flatMap((c) => c.keys))].sort(compare);
  const actions = [...new Set(checks.flatMap((c) => c.actions))].sort(compare);
  const seen = new Set<string>();
  const reasons: Reason[] = [];
  for (const r of checks.flatMap((c) => c.reasons)) {
    const key = `${r.policyType}\u0000${r.policy}\u0000${r.statement}\u0000${r.effect}`;
    if (!seen.has(key)) {
      seen.add(key);
      reasons.push(r);
    }
  }
  return { outcome, actions, keys, reasons };
}
