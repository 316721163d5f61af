import type { Capability } from '../capability/capability.js';
import { capabilitiesFor } from '../capability/capability-map.js';
import { type Diagnostic, fail, ok, type Result } from '../diagnostics/diagnostic.js';
import { actionIdOf } from '../evaluate/action-ids.js';
import { decideWithUnknowns, type UnknownsDecision } from '../evaluate/decide-with-unknowns.js';
import type { PolicySet } from '../evaluate/evaluate-request.js';
import { statementSignature } from '../evaluate/statement-signature.js';
import { parsePolicy } from '../policy/parse-policy.js';
import type { Statement } from '../policy/types.js';
import type { Snapshot } from '../snapshot/model.js';
import { type AccessIndex, accessIndexOf, type ResourceClass } from './access-index.js';
import { principalSideOf, type ResourceSide, requestFor } from './simulate-input-for.js';
import type { WhoCanTools } from './who-can.js';

/** One line of what a principal can do (SPEC §3 `access --format json`). */
export interface AccessCapability {
  readonly capability: Capability;
  readonly service: string;
  /** The resources (ARNs, `*` for actions without one), sorted. */
  readonly resources: readonly string[];
  readonly actions: readonly string[];
  /** Whether some of it depends on conditions the snapshot cannot decide. */
  readonly conditional: boolean;
}

/** What a principal can do. */
export interface AccessResult {
  readonly principal: string;
  readonly capabilities: readonly AccessCapability[];
}

/**
 * A rectangle of effective access: every action of `actions` is allowed (or conditional) on every
 * resource of `resources`. A principal's grants never overlap, so points, counts and diffs can be
 * summed over them.
 */
export interface AccessGrant {
  /** Actions as the service catalog spells them, sorted. */
  readonly actions: readonly string[];
  /** Resource ARNs, `arn:aws:s3:::bucket/*` for a bucket's objects, `*` for actions without a resource; sorted. */
  readonly resources: readonly string[];
  /** Whether the access depends on context the snapshot cannot decide. */
  readonly conditional: boolean;
  /** The unknown context keys it depends on (empty unless conditional), sorted. */
  readonly conditionKeys: readonly string[];
  /**
   * The policies whose statements allow it, sorted: managed policy ARNs, `role/name#policy` for
   * inline ones, `resource-based policy` for the resource's own. Always present in the grants of
   * {@link effectiveAccessOf}.
   */
  readonly via?: readonly string[];
}

/** Every (action, resource) pair a principal can reach, as non-overlapping rectangles. */
export interface PrincipalAccess {
  readonly principal: string;
  /** Sorted by first action, then first resource. */
  readonly grants: readonly AccessGrant[];
}

/**
 * What one principal of the snapshot can do, grouped by capability and service: every (action,
 * resource) pair that its identity-based policies, or a resource-based policy naming it, could
 * allow, decided exactly with every policy of the snapshot applied and three-valued for context
 * the snapshot cannot know. Resources are the inventory, the IAM users, roles, groups and policies,
 * one `bucket/*` per S3 bucket for its objects, and `*` for actions that take no resource.
 *
 * Per resource, actions that match the same statements form one class, decided by one
 * evaluation (see `statementSignature` and docs/design/effective-access.md).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function accessOf(snapshot: Snapshot, tools: WhoCanTools, principalArn: string): Result<AccessResult> {
  const access = effectiveAccessOf(snapshot, tools, principalArn);
  return access.ok ? ok(summarizeAccess(access.value)) : access;
}

/**
 * Every (action, resource) pair one principal of the snapshot can reach, as non-overlapping
 * rectangles (see {@link accessOf} for what is evaluated).
 *
 * Set-wise, not pair by pair (docs/design/effective-access.md): resources that no evaluation can
 * tell apart form one class ({@link accessIndexOf}); only the classes the principal's Allow
 * statements can match, or whose resource-based policy names it, its account or everyone, are
 * considered; and one evaluation decides each group of (class, action) pairs that share the
 * resource side, the patterns of the principal's policies that match, and the statements that
 * match the action.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function effectiveAccessOf(
  snapshot: Snapshot,
  tools: WhoCanTools,
  principalArn: string,
): Result<PrincipalAccess> {
  const principal = principalSideOf(snapshot, principalArn);
  if (!principal.ok) return principal;
  const side = principal.value;
  const index = accessIndexOf(snapshot, tools);
  const { catalog } = tools;
  const parsed = (doc: unknown) => index.parse(doc);
  const diagnostics: Diagnostic[] = [];

  // The pattern ids of the principal's own policies (identity, boundary, SCPs).
  const ownPatterns = new Set<number>();
  const ownStatements: Statement[] = [];
  const ownByService = new Map<string, readonly Statement[]>();
  const notePatterns = (statements: readonly Statement[], version: string) => {
    for (const s of statements) {
      ownStatements.push(s);
      for (const text of s.resource ?? s.notResource ?? []) {
        const id = index.patternIds.get(`${version === '2012-10-17' ? 'v' : 'l'}${text}`);
        if (id !== undefined) ownPatterns.add(id);
      }
    }
  };
  const restrictive = [...side.permissionBoundaries, ...(side.scps ?? []).flatMap((level) => level.policies)];
  for (const named of restrictive) {
    const policy = parsed(named.policy);
    if (policy) notePatterns(policy.statements, policy.version);
  }

  // Which actions on which classes the principal may reach: its Allow statements, and the
  // resource-based policies that name it, its account or everyone.
  const reach = new Map<number, Set<string>>();
  // Actions that take no resource, as a bitset over the catalog's action ids (see AccessIndex).
  const wildcardOnly = index.emptyActionSet();
  const reachClass = (c: ResourceClass, allows: (action: string) => boolean) => {
    let actions = reach.get(c.id);
    for (const info of c.actions) {
      if (!allows(info.action)) continue;
      if (!actions) {
        actions = new Set();
        reach.set(c.id, actions);
      }
      actions.add(info.action);
    }
  };
  for (const named of side.identityPolicies) {
    const policy = parsed(named.policy);
    if (!policy) {
      const failed = parsePolicy(named.policy);
      if (!failed.ok) return fail(failed.diagnostics);
      continue;
    }
    notePatterns(policy.statements, policy.version);
    for (const s of policy.statements) {
      if (s.effect !== 'Allow') continue;
      const allows = index.allows(s);
      index.addWildcardOnly(wildcardOnly, s);
      const resources = s.resource;
      if (!resources || resources.includes('*')) {
        for (const [id, names] of index.reachOfAnyResource(s)) {
          let actions = reach.get(id);
          if (!actions) {
            actions = new Set();
            reach.set(id, actions);
          }
          for (const action of names) actions.add(action);
        }
        continue;
      }
      const classIds = new Set<number>();
      for (const text of resources) {
        const id = index.patternIds.get(`${policy.version === '2012-10-17' ? 'v' : 'l'}${text}`);
        for (const c of id === undefined ? [] : (index.classesOfPattern[id] ?? [])) classIds.add(c);
      }
      for (const id of classIds) reachClass(index.classes[id] as ResourceClass, allows);
    }
  }
  const { grants } = index;
  const named = new Set<number>(grants.toAll);
  const account = side.account ?? '';
  for (const id of grants.byAccount.get(account) ?? []) named.add(id);
  for (const id of grants.byPrincipal.get(principalArn) ?? []) named.add(id);
  const roleName = /^arn:[^:]+:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(principalArn)?.[1];
  for (const id of grants.byPrincipal.get(`role-name:${account}:${roleName}`) ?? []) named.add(id);
  for (const id of named) {
    const granted = grants.actions.get(id);
    if (granted) reachClass(index.classes[id] as ResourceClass, (action) => granted.has(action));
  }

  // Decide each reachable (class, action) pair, one evaluation per group that shares everything
  // the evaluation reads.
  const options = { supportsRcp: (service: string) => catalog.supportsRcp(service) };
  const sets = new Map<string, PolicySet | undefined>();
  const setFor = (resourceSide: ResourceSide, sideKey: string) => {
    if (!sets.has(sideKey)) sets.set(sideKey, index.policySets(side, resourceSide, diagnostics));
    return sets.get(sideKey);
  };
  const outcomes = new Map<string, Outcome>();
  // Outcomes are shared with other principals of the same account, kind and boundary when
  // nothing that decides them reads who the principal is (AccessIndex.isNeutral).
  const sharedPrefix = `${side.account}|${principalKind(principalArn)}|${side.permissionBoundaries.map((b) => b.name).join(',')}|`;
  const decide = (
    action: string,
    representative: string,
    resourceSide: ResourceSide,
    sideKey: string,
    classKey: string,
    neutral: boolean,
  ): Outcome | undefined => {
    const set = setFor(resourceSide, sideKey);
    if (!set) return undefined;
    const actionLower = action.toLowerCase();
    const key = `${classKey}\u0000${statementSignature(set, actionIdOf(actionLower), actionLower)}`;
    const memo = neutral ? index.sharedOutcomes : outcomes;
    const memoKey = neutral ? sharedPrefix + key : key;
    let outcome = memo.get(memoKey);
    if (outcome === undefined) {
      const request = requestFor(snapshot, principalArn, side, action, representative, resourceSide);
      if (!request.ok) {
        diagnostics.push(...request.diagnostics);
        return undefined;
      }
      const decision = decideWithUnknowns(set, request.value, options);
      outcome = outcomeOf(decision);
      memo.set(memoKey, outcome);
    }
    return outcome;
  };

  // Per action, the classes it reaches (-1 for `*`) and, when conditional, the keys.
  const reached = new Map<string, Map<number, string>>();
  const record = (action: string, classId: number, outcome: Outcome) => {
    if (outcome === denied) return;
    let classes = reached.get(action);
    if (!classes) {
      classes = new Map();
      reached.set(action, classes);
    }
    classes.set(classId, outcome);
  };
  // Actions of one class (or of `*`) that the same statements name are decided together.
  const decideGroups = (
    actions: Iterable<string>,
    classId: number,
    representative: string,
    resourceSide: ResourceSide,
    sideKey: string,
    classKey: string,
  ): boolean => {
    const service = representativeService(actions);
    let own = ownByService.get(service);
    if (!own) {
      own = ownStatements.filter((st) => index.servicesOf(st).has(service));
      ownByService.set(service, own);
    }
    const statements = [...own, ...index.sideStatements(resourceSide, sideKey, service)];
    for (const group of index.groupActions(actions, statements)) {
      const first = group[0] as string;
      const neutral = index.isNeutral(first, statements);
      const outcome = decide(first, representative, resourceSide, sideKey, classKey, neutral);
      if (outcome === undefined) return false;
      for (const action of group) record(action, classId, outcome);
    }
    return true;
  };
  for (const [id, actions] of reach) {
    const c = index.classes[id] as ResourceClass;
    const relevant = c.patterns.filter((p) => ownPatterns.has(p) || index.resourceSidePatterns.has(p));
    const classKey = `${c.sideKey}\u0000${relevant.join(',')}${c.variable ? `\u0000${c.members[0]}` : ''}`;
    if (!decideGroups(actions, id, c.members[0] as string, c.side, c.sideKey, classKey))
      return fail(diagnostics);
  }
  // Actions without a resource, against `*`: grouped on bitsets by the statements that name
  // them, then by service, each group decided once.
  const starStatements = [...ownStatements, ...index.starStatements(side.account)];
  const starReached = new Map<string, string[]>();
  for (const group of index.groupActionSet(wildcardOnly, starStatements)) {
    const service = index.serviceOf(group[0] as number);
    const star = index.starSide(snapshot, side.account, service);
    const first = index.actionName(group[0] as number);
    const neutral = index.isNeutral(first, starStatements);
    const outcome = decide(first, '*', star.side, star.key, star.key, neutral);
    if (outcome === undefined) return fail(diagnostics);
    if (outcome === denied) continue;
    const list = starReached.get(outcome) ?? [];
    for (const id of group) list.push(index.actionName(id));
    starReached.set(outcome, list);
  }
  if (diagnostics.length > 0) return fail(diagnostics);
  return ok({ principal: principalArn, grants: grantsOf(index, reached, starReached) });
}

/** The service of the first of some actions (all of one service). */
function representativeService(actions: Iterable<string>): string {
  for (const action of actions) return action.slice(0, action.indexOf(':')).toLowerCase();
  return '';
}

/** What kind of principal an ARN names, as far as evaluation tells them apart. */
function principalKind(arn: string): string {
  if (arn.includes(':role/aws-service-role/')) return 'service-linked-role';
  return arn.includes(':user/') ? 'user' : 'role';
}

/**
 * An evaluation's outcome as a string, so that equal outcomes group: `denied`, or the condition
 * keys (empty when allowed for certain) and the allowing policies.
 */
export type Outcome = string;
const denied: Outcome = '\u0001denied';

/** The outcome of a decision (see {@link Outcome}). */
export function outcomeOf(decision: UnknownsDecision): Outcome {
  if (decision.outcome === 'Denied') return denied;
  const via = new Set<string>();
  for (const reason of decision.result.reasons) {
    if (reason.effect !== 'Allow') continue;
    if (reason.policyType === 'identity') via.add(reason.policy);
    else if (reason.policyType === 'resource') via.add('resource-based policy');
  }
  const keys = decision.outcome === 'Conditional' ? decision.keys.join(',') : '';
  return `${keys}\u0002${[...via].sort(compare).join('\u0002')}`;
}

/** Whether an outcome denies. */
export function isDenied(outcome: Outcome): boolean {
  return outcome === denied;
}

/** The grant fields an outcome gives. */
export function grantFieldsOf(outcome: Outcome): Pick<AccessGrant, 'conditional' | 'conditionKeys' | 'via'> {
  const [keys = '', ...via] = outcome.split('\u0002');
  return {
    conditional: keys !== '',
    conditionKeys: keys === '' ? [] : keys.split(','),
    via: via.filter((v) => v !== ''),
  };
}

/** Groups per-action reach into rectangles: actions that reach the same resources the same way. */
function grantsOf(
  index: AccessIndex,
  reached: ReadonlyMap<string, ReadonlyMap<number, string>>,
  starReached: ReadonlyMap<string, readonly string[]>,
): AccessGrant[] {
  // By condition keys, then by the (canonical, shared) resource list.
  const byShape = new Map<string, Map<readonly string[], string[]>>();
  for (const [action, classes] of reached) {
    const byKeys = new Map<string, number[]>();
    for (const [id, keys] of classes) {
      const list = byKeys.get(keys);
      if (list) list.push(id);
      else byKeys.set(keys, [id]);
    }
    for (const [keys, list] of byKeys) {
      const resources = index.resourcesOf(list.sort((a, b) => a - b));
      let byResources = byShape.get(keys);
      if (!byResources) {
        byResources = new Map();
        byShape.set(keys, byResources);
      }
      const actions = byResources.get(resources);
      if (actions) actions.push(action);
      else byResources.set(resources, [action]);
    }
  }
  const grants: AccessGrant[] = [];
  // Actions without a resource reach only `*`: one rectangle per set of condition keys.
  for (const [keys, actions] of starReached) {
    grants.push({
      actions: [...actions].sort(compare),
      resources: index.resourcesOf([-1]),
      ...grantFieldsOf(keys),
    });
  }
  for (const [keys, byResources] of byShape) {
    for (const [resources, actions] of byResources) {
      grants.push({
        actions: actions.sort(compare),
        resources,
        ...grantFieldsOf(keys),
      });
    }
  }
  return grants.sort(
    (a, b) =>
      compare(a.actions[0] as string, b.actions[0] as string) ||
      compare(a.resources[0] as string, b.resources[0] as string),
  );
}

/**
 * A principal's access grouped by capability and service, in the SPEC §3 `access --format json`
 * shape: for each (capability, service), the resources and actions, and whether any is conditional.
 */
export function summarizeAccess(access: PrincipalAccess): AccessResult {
  const groups = new Map<string, { resources: Set<string>; actions: Set<string>; conditional: boolean }>();
  for (const grant of access.grants) {
    for (const action of grant.actions) {
      const service = action.slice(0, action.indexOf(':'));
      for (const capability of capabilitiesFor(action)) {
        const key = `${capability}\u0000${service}`;
        const group = groups.get(key) ?? { resources: new Set(), actions: new Set(), conditional: false };
        for (const r of grant.resources) group.resources.add(r);
        group.actions.add(action);
        group.conditional ||= grant.conditional;
        groups.set(key, group);
      }
    }
  }

  const capabilities = [...groups.entries()]
    .map(([key, group]): AccessCapability => {
      const [capability, service] = key.split('\u0000') as [Capability, string];
      return {
        capability,
        service,
        resources: [...group.resources].sort(),
        actions: [...group.actions].sort(),
        conditional: group.conditional,
      };
    })
    .sort((a, b) =>
      a.capability === b.capability ? compare(a.service, b.service) : compare(a.capability, b.capability),
    );
  return { principal: access.principal, capabilities };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
