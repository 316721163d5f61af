import { CAPABILITIES, type Capability } from '../capability/capability.js';
import { capabilitiesFor } from '../capability/capability-map.js';
import type { RequestContext } from '../condition/context.js';
import { type Diagnostic, fail, ok, type Result } from '../diagnostics/diagnostic.js';
import { actionIdOf } from '../evaluate/action-ids.js';
import { decideWithUnknowns, type UnknownsDecision } from '../evaluate/decide-with-unknowns.js';
import type { PolicySet } from '../evaluate/evaluate-request.js';
import { statementSignature } from '../evaluate/statement-signature.js';
import { parsePolicy } from '../policy/parse-policy.js';
import type { Statement } from '../policy/types.js';
import { memoByPair } from '../private/memo-by-pair.js';
import { mergeSorted } from '../private/merge-sorted.js';
import type { Snapshot } from '../snapshot/model.js';
import {
  type AccessIndex,
  accessIndexOf,
  type ClassGroup,
  groupKeyOf,
  type ResourceClass,
  unionOfResourceLists,
} from './access-index.js';
import { type PrincipalSide, type ResourceSide, requestFor } from './simulate-input-for.js';
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
  /** Sorted by first action, then first resource; each holds actions of one service. */
  readonly grants: readonly AccessGrant[];
  /**
   * The same grants by service, when the producer has them so (`effectiveAccessOf`): each part is
   * shared by the principals that the policies treat alike, so a consumer may compute what it
   * derives from a part once (by its identity). Exactly the grants of `grants`: an access built
   * with other grants must leave it out.
   */
  readonly services?: readonly ServiceAccess[];
}

/** One service's part of a principal's effective access. */
export interface ServiceAccess {
  /** The service prefix, lowercase. */
  readonly service: string;
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
  const index = accessIndexOf(snapshot, tools);
  const principal = index.principalSide(principalArn);
  if (!principal.ok) return principal;
  const side = principal.value;
  const { catalog } = tools;
  const diagnostics: Diagnostic[] = [];

  // The principal's own statements (identity, boundary, SCPs) by service, and the patterns they name.
  const own = index.ownStatementsOf(side);
  if (own.unparsed) {
    const failed = parsePolicy(own.unparsed.document);
    if (!failed.ok) return fail(failed.diagnostics);
  }
  const ownPatterns = own.patterns;

  // The classes whose resource-based policy names the principal, its account or everyone: its
  // account's (a KMS key policy naming the account names thousands of classes) unless some name
  // the principal itself.
  const { grants } = index;
  const account = side.account ?? '';
  const roleName = /^arn:[^:]+:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(principalArn)?.[1];
  const byName = [
    ...(grants.byPrincipal.get(principalArn) ?? []),
    ...(grants.byPrincipal.get(`role-name:${account}:${roleName}`) ?? []),
  ];
  const named = byName.length === 0 ? namedInAccount(index, account) : namedClasses(index, account, byName);
  const namedByService = named.byService;
  // The classes with a statement whose Principal names it: the others decide it as they decide
  // any principal they do not name.
  const mentioned = new Set<number>([
    ...(grants.mentions.get(principalArn) ?? []),
    ...(grants.mentions.get(`role-name:${account}:${roleName}`) ?? []),
  ]);
  const mentionedIds = [...mentioned].sort((a, b) => a - b);
  const mentionedByService = classesByService(index, mentionedIds);

  // Principals of the same account and kind, with or without a boundary, whose statements that
  // may apply to a service are the same objects (managed policies; a boundary's by content) share
  // that service's part when nothing that decides it reads who they are (AccessIndex.isNeutral).
  const { prefix: sharedPrefix, answered, context } = sharingOf(snapshot, index, principalArn, side);
  // Patterns with variables that name who the principal is, set for it.
  const resolved = new Map<number, ((arn: string) => boolean) | undefined>();
  const resolve = (pattern: number) => {
    if (!resolved.has(pattern)) resolved.set(pattern, context && index.resolvedPattern(pattern, context));
    return resolved.get(pattern);
  };
  const shared = index.sharedServices as Map<string, ServiceLayer>;

  const options = { supportsRcp: (service: string) => catalog.supportsRcp(service) };
  const sets = new Map<string, PolicySet | undefined>();
  const setFor = (resourceSide: ResourceSide, sideKey: string) => {
    if (!sets.has(sideKey)) sets.set(sideKey, index.policySets(side, resourceSide, diagnostics));
    return sets.get(sideKey);
  };
  const outcomes = new Map<string, Outcome>();
  // Statement signatures on a class's first resource as text ids ({@link AccessIndex.textId}), by
  // policy set, resource and action.
  const signaturesOn = memoByPair((_set: PolicySet, _resource: string) => new Map<string, number>());
  const signatureOf = (set: PolicySet, action: string, resource: string): number => {
    const known = signaturesOn(set, resource);
    let id = known.get(action);
    if (id === undefined) {
      const actionLower = action.toLowerCase();
      id = index.textId(statementSignature(set, actionIdOf(actionLower), actionLower, resource));
      known.set(action, id);
    }
    return id;
  };
  const prefixId = index.textId(sharedPrefix);
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
    // Classes of one resource side share its set: each action's signature is found once per class.
    const key = `${index.textId(classKey)},${signatureOf(set, action, representative)}`;
    const memo = neutral ? index.sharedOutcomes : outcomes;
    const memoKey = neutral ? `${prefixId},${key}` : key;
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

  // One service at a time: the classes its actions reach, each (class, group of actions named by
  // the same statements) decided once, then the actions without a resource against `*`. Groups
  // whose deciding statements read who the principal is are left for each principal.
  const rcpsByService = index.byService(index.starStatements(side.account));
  // The resource lists of what serves this principal alone (its own layers and decisions): kept
  // while it is computed, not for the snapshot's life (AccessIndex.resourcesOf).
  const ownLists = new Map<string, readonly string[]>();
  const layerOf = (
    service: string,
    own: readonly Statement[],
    allows: readonly Statement[],
    kept: boolean,
  ): ServiceLayer | undefined => {
    // Classes that every evaluation for this principal treats alike are decided together, on
    // their first class: the same resource types (so the same actions), the same resource-based
    // policy (so the same grants and the same naming of the principal) and the same answers from
    // the patterns that take part (so the same reach, found once for the first class). The
    // service's groups for the patterns that split none of its classes are shared; a class one of
    // the principal's own patterns matches is grouped apart.
    const patternsHere = index.patternsOf(service);
    const universal: number[] = [];
    const splitting: number[] = [];
    for (const p of ownPatterns) {
      if (patternsHere.every.has(p)) universal.push(p);
      else if (patternsHere.some.has(p)) splitting.push(p);
    }
    const base = index.baseGroupsOf(
      service,
      universal.sort((a, b) => a - b),
    );
    let alone = false;
    const touched = new Set<number>();
    for (const p of splitting) {
      for (const id of index.classesOfPattern[p] ?? []) {
        if ((index.classes[id] as ResourceClass).service === service) touched.add(id);
      }
    }
    // The touched classes' groups, and the shared groups without their touched classes.
    const touchedGroups = new Map<number, Group>();
    const byKey = new Map<string, { ids: number[]; classKey: string }>();
    for (const id of [...touched].sort((a, b) => a - b)) {
      const c = index.classes[id] as ResourceClass;
      const { classKey, key } = groupKeyOf(
        c,
        (p) => ownPatterns.has(p) || index.resourceSidePatterns.has(p),
        index.variablePatterns,
        (pattern) => {
          const test = resolve(pattern);
          // Grouped by the principal's own answers: the layer is its own.
          if (test) alone = true;
          return test;
        },
      );
      let group = byKey.get(key);
      if (!group) {
        group = { ids: [], classKey };
        byKey.set(key, group);
      }
      group.ids.push(id);
      touchedGroups.set(id, group);
    }
    const trimmed = new Map<ClassGroup, Group | undefined>();
    const rest = (shared: ClassGroup): Group | undefined => {
      if (touched.size === 0) return shared;
      if (!trimmed.has(shared)) {
        const ids = shared.ids.some((id) => touched.has(id))
          ? shared.ids.filter((id) => !touched.has(id))
          : shared.ids;
        trimmed.set(
          shared,
          ids.length === 0 ? undefined : ids === shared.ids ? shared : { ids, classKey: shared.classKey },
        );
      }
      return trimmed.get(shared);
    };
    const groupOf = (id: number): Group =>
      touchedGroups.get(id) ?? (rest(base.groupOf.get(id) as ClassGroup) as Group);
    // The groups the Allow statements (and the resource-based policies naming the principal)
    // reach: every class of the service with an action a statement on `*` names (which depends on
    // its types only, so on its group), the classes its patterns match for the others.
    const reachedGroups = new Set<Group>();
    const reachers: ((c: ResourceClass, actions: Set<string>) => void)[] = [];
    for (const s of allows) {
      const resources = s.resource;
      if (!resources || resources.includes('*')) {
        const reach = index.reachOfAnyResource(s, service);
        for (const group of base.open) {
          if (!reach.has(group.ids[0] as number)) continue;
          const untouched = rest(group);
          if (untouched) reachedGroups.add(untouched);
        }
        // Classes whose trust or key policy names the principal are reached as named, below.
        for (const id of touched) if (reach.has(id)) reachedGroups.add(groupOf(id));
        reachers.push((c, actions) => {
          for (const action of reach.get(c.id) ?? []) actions.add(action);
        });
        continue;
      }
      const test = index.allows(s);
      const prefix = index.versionOf(s) === '2012-10-17' ? 'v' : 'l';
      const classIds = new Set<number>();
      for (const text of resources) {
        const id = index.patternIds.get(`${prefix}${text}`);
        for (const c of id === undefined ? [] : (index.classesOfPattern[id] ?? [])) {
          if ((index.classes[c] as ResourceClass).service === service) classIds.add(c);
        }
      }
      for (const id of classIds) reachedGroups.add(groupOf(id));
      reachers.push((c, actions) => {
        if (!classIds.has(c.id)) return;
        for (const info of c.actions) if (test(info.action)) actions.add(info.action);
      });
    }
    for (const id of namedByService.get(service) ?? [])
      if (grants.actions.has(id)) reachedGroups.add(groupOf(id));
    const reachOf = (c: ResourceClass): ReadonlySet<string> => {
      const actions = new Set<string>();
      for (const add of reachers) add(c, actions);
      const granted = named.ids.has(c.id) ? grants.actions.get(c.id) : undefined;
      if (granted) for (const info of c.actions) if (granted.has(info.action)) actions.add(info.action);
      return actions;
    };
    const reached = new Reached();
    const personal: PersonalGroup[] = [];
    for (const { ids, classKey } of reachedGroups) {
      const c = index.classes[ids[0] as number] as ResourceClass;
      // A trust or key policy that does not name the principal denies it whatever else allows.
      if (c.policyRequired && !named.ids.has(c.id)) continue;
      const actions = reachOf(c);
      if (actions.size === 0) continue;
      const groupId = index.classGroupOf(ids);
      const statements = [...own, ...index.sideStatements(c.side, c.sideKey, service)];
      for (const group of index.groupActions(actions, statements)) {
        const first = group[0] as string;
        if (!index.isNeutral(first, statements, mentioned.has(c.id), answered)) {
          personal.push({ classId: c.id, groupId, actions: group, classKey });
          continue;
        }
        const outcome = decide(first, c.members[0] as string, c.side, c.sideKey, classKey, true);
        if (outcome === undefined) return undefined;
        if (outcome !== denied) reached.record(group, groupId, outcome);
      }
    }
    const starStatements = [...own, ...(rcpsByService.get(service) ?? [])];
    const starReached = new Map<Outcome, string[]>();
    for (const ids of index.groupActionSet(index.wildcardOnlyOf(allows, service), starStatements)) {
      const group = ids.map((id) => index.actionName(id));
      const first = group[0] as string;
      if (!index.isNeutral(first, starStatements, true, answered)) {
        personal.push({ classId: -1, groupId: -1, actions: group, classKey: '' });
        continue;
      }
      const star = index.starSide(snapshot, side.account, service);
      const outcome = decide(first, '*', star.side, star.key, star.key, true);
      if (outcome === undefined) return undefined;
      if (outcome === denied) continue;
      const list = starReached.get(outcome);
      if (list) list.push(...group);
      else starReached.set(outcome, [...group]);
    }
    const part = {
      service,
      grants: grantsOf(index, reached, starReached, kept && !alone ? undefined : ownLists),
    };
    // What was reached is kept only to merge a principal's own decisions into.
    return personal.length === 0
      ? { part, reached: noReach, starReached: noStarReach, personal, alone }
      : { part, reached: new Reached(reached.byAction), starReached, personal, alone };
  };

  // A layer's part for this principal: its own decisions of the personal groups added.
  const partOf = (service: string, layer: ServiceLayer): ServiceAccess | undefined => {
    if (layer.personal.length === 0) return layer.part;
    const extra = layer.reached.copy();
    let decided = false;
    const extraStar = new Map<Outcome, string[]>();
    for (const group of layer.personal) {
      const first = group.actions[0] as string;
      if (group.classId < 0) {
        const star = index.starSide(snapshot, side.account, service);
        const outcome = decide(first, '*', star.side, star.key, star.key, false);
        if (outcome === undefined) return undefined;
        if (outcome === denied) continue;
        const list = extraStar.get(outcome);
        if (list) list.push(...group.actions);
        else extraStar.set(outcome, [...group.actions]);
        continue;
      }
      const c = index.classes[group.classId] as ResourceClass;
      const outcome = decide(first, c.members[0] as string, c.side, c.sideKey, group.classKey, false);
      if (outcome === undefined) return undefined;
      if (outcome === denied) continue;
      extra.record(group.actions, group.groupId, outcome);
      decided = true;
    }
    // Most often the personal groups deny (a trust policy naming another role): the shared part.
    if (!decided && extraStar.size === 0) return layer.part;
    for (const [outcome, actions] of layer.starReached) {
      const list = extraStar.get(outcome);
      if (list) list.push(...actions);
      else extraStar.set(outcome, [...actions]);
    }
    return { service, grants: grantsOf(index, extra, extraStar, ownLists) };
  };

  // Per service, the statements that may match one of its requests (AccessIndex.appliesIn): the
  // others decide nothing there, so they neither key nor split what is shared. A boundary's
  // statements are keyed by content (equal boundaries decide alike), the others by object.
  const layers: ServiceLayer[] = [];
  const byRank = (a: string, b: string) => index.serviceRank(a) - index.serviceRank(b);
  const ordered =
    namedByService.size === 0
      ? own.allowServices
      : [...new Set([...own.allowServices, ...namedByService.keys()])].sort(byRank);
  // The services only broad statements name are decided by the principal's profile: looked up by
  // it (shared parts, and the services that have none), unless a resource-based policy names
  // the principal itself.
  const profiled =
    byName.length === 0 && mentionedIds.length === 0
      ? profileOf<ServiceLayer>(index.sharedProfiles, `${sharedPrefix}${own.profile}`)
      : undefined;
  for (const service of ordered) {
    const byProfile = profiled !== undefined && !own.narrowServices.has(service);
    if (byProfile) {
      const known = profiled.get(service);
      if (known !== undefined) {
        if (known) layers.push(known);
        continue;
      }
    }
    const lists = own.statementsFor(service, index.appliesIn);
    const identity = lists.identity;
    const boundary = lists.boundary;
    // A boundary that allows nothing here leaves what the identity policies allow denied; with no
    // resource-based policy naming the principal, its account or everyone, nothing else can allow.
    if (
      !namedByService.has(service) &&
      (!identity.some(isAllow) || (own.bounded && !boundary.some(isAllow)))
    ) {
      if (byProfile) profiled.set(service, null);
      continue;
    }
    const scp = lists.scp;
    const statementsKey = `${index.statementsKey(identity)}/${index.contentKey(boundary)}/${index.statementsKey(scp)}`;
    const namedKey =
      mentionedIds.length === 0
        ? named.keyOf(service)
        : `${named.keyOf(service)}|${(mentionedByService.get(service) ?? []).join(',')}`;
    const key = `${sharedPrefix}${service}|${statementsKey}|${namedKey}`;
    let layer = shared.get(key) as ServiceLayer | undefined;
    let sharable = true;
    if (!layer) {
      const kept = !identity.some(index.isOwnInline);
      layer = layerOf(service, [...boundary, ...scp, ...identity], identity.filter(isAllow), kept);
      if (!layer) return fail(diagnostics);
      sharable = kept && !layer.alone;
      if (sharable) shared.set(key, layer);
    }
    if (byProfile && sharable) profiled.set(service, layer);
    layers.push(layer);
  }
  return partsOf(layers);

  function partsOf(list: readonly ServiceLayer[]): Result<PrincipalAccess> {
    const parts: ServiceAccess[] = [];
    for (const layer of list) {
      const part = partOf(layer.part.service, layer);
      if (!part) return fail(diagnostics);
      parts.push(part);
    }
    if (diagnostics.length > 0) return fail(diagnostics);
    return ok(accessFromParts(principalArn, parts));
  }
}

/**
 * A principal's access from its parts, one per service: the non-empty parts ordered by their
 * first grant, and their grants in that order (sorted, as services' actions never interleave),
 * put together when first read (most consumers read the parts). Parts given in that order
 * (by {@link AccessIndex.serviceRank}) are not sorted again.
 */
export function accessFromParts(principal: string, parts: readonly ServiceAccess[]): PrincipalAccess {
  const services = parts.filter((p) => p.grants.length > 0);
  const byFirst = (a: ServiceAccess, b: ServiceAccess) =>
    compareGrants(a.grants[0] as AccessGrant, b.grants[0] as AccessGrant);
  if (services.some((part, i) => i > 0 && byFirst(services[i - 1] as ServiceAccess, part) >= 0)) {
    services.sort(byFirst);
  }
  let grants: readonly AccessGrant[] | undefined;
  return {
    principal,
    get grants() {
      grants ??= services.flatMap((p) => p.grants);
      return grants;
    },
    services,
  };
}

/** The order of grants: by first action, then first resource. */
export function compareGrants(a: AccessGrant, b: AccessGrant): number {
  return (
    compare(a.actions[0] as string, b.actions[0] as string) ||
    compare(a.resources[0] as string, b.resources[0] as string)
  );
}

/** Classes decided together for one principal (see {@link ClassGroup}). */
interface Group {
  /** Class ids, ascending. */
  readonly ids: readonly number[];
  readonly classKey: string;
}

/**
 * One service's effective access for the principals whose policies decide it alike: the part
 * decided for all of them, and the groups each principal decides for itself (their deciding
 * statements read who it is).
 */
interface ServiceLayer {
  readonly part: ServiceAccess;
  readonly reached: Reached;
  readonly starReached: ReadonlyMap<Outcome, readonly string[]>;
  readonly personal: readonly PersonalGroup[];
  /**
   * Whether its classes were grouped by the principal's own values of policy variables
   * ({@link AccessIndex.resolvedPattern}): then it serves that principal alone.
   */
  readonly alone: boolean;
}

/** Actions of a group of classes (`-1`: `*`) decided per principal, on its first class. */
interface PersonalGroup {
  readonly classId: number;
  readonly groupId: number;
  readonly actions: readonly string[];
  readonly classKey: string;
}

/**
 * What each action of a service reaches: a chain of (class group, outcome) decisions
 * ({@link AccessIndex.classGroupOf}), one per group the action is allowed on. Actions decided
 * alike share their chain (its nodes are interned as they are recorded), so turning them into
 * grants costs one walk per distinct chain, not one per action and group.
 */
class Reached {
  readonly byAction: Map<string, Decided>;
  /** The nodes that follow a node, by group and outcome: for interning, dropped with this object. */
  private readonly next = new Map<Decided | undefined, Map<string, Decided>>();

  constructor(byAction: Map<string, Decided> = new Map()) {
    this.byAction = byAction;
  }

  /** Records that some actions reach a group of classes with an outcome (once per action and group). */
  record(actions: readonly string[], groupId: number, outcome: Outcome): void {
    const key = `${groupId}\u0000${outcome}`;
    // Actions decided together mostly come from one node: found once for all of them.
    let last: Decided | undefined | null = null;
    let lastNode: Decided | undefined;
    for (const action of actions) {
      const parent = this.byAction.get(action);
      if (parent !== last || !lastNode) {
        let children = this.next.get(parent);
        if (!children) {
          children = new Map();
          this.next.set(parent, children);
        }
        lastNode = children.get(key);
        if (!lastNode) {
          lastNode = { parent, groupId, outcome };
          children.set(key, lastNode);
        }
        last = parent;
      }
      this.byAction.set(action, lastNode);
    }
  }

  /** The same reach, to record more into without changing this one. */
  copy(): Reached {
    return new Reached(new Map(this.byAction));
  }
}

/** One decision of a chain (see {@link Reached}). */
interface Decided {
  readonly parent: Decided | undefined;
  readonly groupId: number;
  readonly outcome: Outcome;
}

const noReach = new Reached();
const noStarReach: ReadonlyMap<Outcome, readonly string[]> = new Map();

/** The classes whose resource-based policy names some principals (see {@link namedClasses}). */
interface NamedClasses {
  readonly ids: ReadonlySet<number>;
  /** Their ids by service, ascending. */
  readonly byService: ReadonlyMap<string, readonly number[]>;
  /** A short key for the named classes of a service: the same for the same classes, empty for none. */
  keyOf(service: string): string;
}

/**
 * The classes whose resource-based policy names everyone, the account, or (`byName`) the
 * principal itself.
 */
function namedClasses(index: AccessIndex, account: string, byName: readonly number[]): NamedClasses {
  const ids = new Set<number>(index.grants.toAll);
  for (const id of index.grants.byAccount.get(account) ?? []) ids.add(id);
  for (const id of byName) ids.add(id);
  const byService = classesByService(
    index,
    [...ids].sort((a, b) => a - b),
  );
  const keys = new Map<string, string>();
  return {
    ids,
    byService,
    keyOf(service) {
      let key = keys.get(service);
      if (key === undefined) {
        const list = byService.get(service);
        key = list ? `n${index.textId(list.join(','))}` : '';
        keys.set(service, key);
      }
      return key;
    },
  };
}

/** {@link namedClasses} of the principals of an account that no policy names by themselves, once. */
function namedInAccount(index: AccessIndex, account: string): NamedClasses {
  let byAccount = namedByAccount.get(index);
  if (!byAccount) {
    byAccount = new Map();
    namedByAccount.set(index, byAccount);
  }
  let named = byAccount.get(account);
  if (!named) {
    named = namedClasses(index, account, []);
    byAccount.set(account, named);
  }
  return named;
}

const namedByAccount = new WeakMap<AccessIndex, Map<string, NamedClasses>>();

/** Class ids (ascending) by the service of their class. */
function classesByService(index: AccessIndex, ids: readonly number[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const id of ids) {
    const service = (index.classes[id] as ResourceClass).service;
    const list = map.get(service);
    if (list) list.push(id);
    else map.set(service, [id]);
  }
  return map;
}

/**
 * What a principal shares with others whose statements are the same objects, when nothing that
 * decides reads who they are beyond it: the account, the kind, whether it has a boundary (callers
 * add the boundary's statements to their keys) and the answers of its own statements'
 * conditions (boundary, SCPs, identity policies) on who it is
 * ({@link AccessIndex.answersOf}), as a key prefix; and the statements answered, for
 * {@link AccessIndex.isNeutral}. Once per side.
 */
export function sharingOf(
  snapshot: Snapshot,
  index: AccessIndex,
  principalArn: string,
  side: PrincipalSide,
): {
  readonly prefix: string;
  readonly answered: ReadonlySet<Statement>;
  /** The principal's request context, when it could be built. */
  readonly context?: RequestContext;
} {
  const known = sharings.get(side);
  if (known) return known;
  const star = index.starSide(snapshot, side.account, 'sts');
  const probe = requestFor(snapshot, principalArn, side, 'sts:GetCallerIdentity', '*', star.side);
  const answers = probe.ok
    ? index.answersOf(index.ownStatementsOf(side).all, probe.value.context)
    : { key: '', answered: new Set<Statement>() };
  // Whether there is a boundary: its statements are part of each key that follows the prefix.
  const bounded = side.permissionBoundaries.length > 0 ? 'bounded' : '';
  const sharing = {
    prefix: `${side.account}|${principalKind(principalArn)}|${bounded}|${answers.key}|`,
    answered: answers.answered,
    ...(probe.ok ? { context: probe.value.context } : {}),
  };
  sharings.set(side, sharing);
  return sharing;
}

/** {@link sharingOf} by principal side. */
const sharings = new WeakMap<PrincipalSide, ReturnType<typeof sharingOf>>();

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
  reached: Reached,
  starReached: ReadonlyMap<string, readonly string[]>,
  scratch: Map<string, readonly string[]> | undefined,
): AccessGrant[] {
  // Actions by their chain, then per chain the groups of each outcome as a (canonical, shared)
  // resource list; by condition keys, then by resource list.
  const byChain = new Map<Decided, string[]>();
  for (const [action, node] of reached.byAction) {
    const list = byChain.get(node);
    if (list) list.push(action);
    else byChain.set(node, [action]);
  }
  const byShape = new Map<string, Map<readonly string[], string[]>>();
  for (const [chain, chainActions] of byChain) {
    const byKeys = new Map<string, number[]>();
    for (let node: Decided | undefined = chain; node; node = node.parent) {
      const list = byKeys.get(node.outcome);
      if (list) list.push(node.groupId);
      else byKeys.set(node.outcome, [node.groupId]);
    }
    for (const [keys, list] of byKeys) {
      const resources = index.resourcesOf(
        list.sort((a, b) => a - b),
        scratch,
      );
      let byResources = byShape.get(keys);
      if (!byResources) {
        byResources = new Map();
        byShape.set(keys, byResources);
      }
      const actions = byResources.get(resources);
      if (actions) actions.push(...chainActions);
      else byResources.set(resources, [...chainActions]);
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
  return grants.sort(compareGrants);
}

/**
 * A principal's access grouped by capability and service, in the SPEC §3 `access --format json`
 * shape: for each (capability, service), the resources and actions, and whether any is conditional.
 */
export function summarizeAccess(access: PrincipalAccess): AccessResult {
  // Each service's part holds its own (capability, service) lines: summarised once per part, then
  // put in order by capability and, within one, by service. An administrator has a thousand lines
  // in some 430 parts: the parts are put in service order once (they come nearly so), and each
  // capability's lines taken from them in that order, with no sort of the lines.
  const parts = access.services?.map(summaryOf);
  const capabilities: AccessCapability[] = [];
  if (parts?.every((part) => part.service !== undefined)) {
    const ordered = parts.filter((part) => part.lines.length > 0).sort(byPartService);
    for (let rank = 0; rank < CAPABILITIES_BY_NAME.length; rank++) {
      for (const part of ordered) {
        const line = part.byRank[rank];
        if (line) capabilities.push(line);
      }
    }
    return { principal: access.principal, capabilities };
  }
  const byCapability: AccessCapability[][] = CAPABILITIES_BY_NAME.map(() => []);
  for (const lines of parts ? parts.map((part) => part.lines) : [summarizeGrants(access.grants)]) {
    for (const line of lines)
      (byCapability[capabilityRank(line.capability)] as AccessCapability[]).push(line);
  }
  for (const lines of byCapability) {
    lines.sort(byService);
    for (const line of lines) capabilities.push(line);
  }
  return { principal: access.principal, capabilities };
}

/** Capabilities in the order of their names (the order of a summary's lines). */
const CAPABILITIES_BY_NAME = [...CAPABILITIES].sort(compare);
const capabilityRanks = new Map(CAPABILITIES_BY_NAME.map((c, i) => [c, i]));

function capabilityRank(capability: Capability): number {
  return capabilityRanks.get(capability) as number;
}

function byService(a: AccessCapability, b: AccessCapability): number {
  return compare(a.service, b.service);
}

/** A part's summary lines, and when they are all of one service, that service and its line of each capability. */
interface PartSummary {
  readonly lines: readonly AccessCapability[];
  /** The service of every line (as its actions spell it); undefined when the lines have several. */
  readonly service?: string;
  /** With `service`, the line of each capability (one at most), by rank in name order. */
  readonly byRank: readonly (AccessCapability | undefined)[];
}

const summaries = new WeakMap<ServiceAccess, PartSummary>();

function summaryOf(part: ServiceAccess): PartSummary {
  let summary = summaries.get(part);
  if (!summary) {
    const lines = summarizeGrants(part.grants);
    const service = lines[0]?.service ?? '';
    if (lines.every((line) => line.service === service)) {
      // One service: one line per capability at most (summarizeGrants groups by both).
      const byRank: AccessCapability[] = [];
      for (const line of lines) byRank[capabilityRank(line.capability)] = line;
      summary = { lines, service, byRank };
    } else summary = { lines, byRank: [] };
    summaries.set(part, summary);
  }
  return summary;
}

function byPartService(a: PartSummary, b: PartSummary): number {
  return compare(a.service as string, b.service as string);
}

function summarizeGrants(grants: readonly AccessGrant[]): AccessCapability[] {
  // By service, then by capability (its rank in name order): no key is made per action.
  const groups = new Map<string, (SummaryGroup | undefined)[]>();
  let service = '';
  let byCapability: (SummaryGroup | undefined)[] = [];
  grants.forEach((grant, g) => {
    for (const action of grant.actions) {
      // A grant's actions are mostly of one service: its groups are found once for all of them.
      if (!(action.startsWith(service) && action.charCodeAt(service.length) === COLON)) {
        service = action.slice(0, action.indexOf(':'));
        let known = groups.get(service);
        if (!known) {
          known = [];
          groups.set(service, known);
        }
        byCapability = known;
      }
      for (const capability of capabilitiesFor(action)) {
        const rank = capabilityRank(capability);
        let group = byCapability[rank];
        if (!group) {
          group = { capability, resources: new Set(), actions: new Set(), conditional: false, lastGrant: -1 };
          byCapability[rank] = group;
        }
        group.actions.add(action);
        group.conditional ||= grant.conditional;
        if (group.lastGrant !== g) {
          group.lastGrant = g;
          group.resources.add(grant.resources);
        }
      }
    }
  });
  const lines: AccessCapability[] = [];
  for (const [name, byRank] of groups) {
    for (const group of byRank) {
      if (!group) continue;
      lines.push({
        capability: group.capability,
        service: name,
        resources: unionOfSorted(group.resources),
        actions: [...group.actions].sort(),
        conditional: group.conditional,
      });
    }
  }
  return lines;
}

/** The actions and resources of one (capability, service) line, as grants add to them. */
interface SummaryGroup {
  readonly capability: Capability;
  readonly resources: Set<readonly string[]>;
  readonly actions: Set<string>;
  conditional: boolean;
  /** The index of the last grant whose resources were added. */
  lastGrant: number;
}

const COLON = ':'.charCodeAt(0);

/**
 * The union of sorted resource lists, sorted. Grants share their lists, so a group usually has
 * one: it is given back as it is (callers never change it). Several lists of class groups are the
 * list of their groups' union ({@link unionOfResourceLists}); others are merged pairwise, without
 * sorting again.
 */
export function unionOfSorted(lists: ReadonlySet<readonly string[]>): readonly string[] {
  let level = [...lists];
  if (level.length === 0) return [];
  if (level.length > 1) {
    const union = unionOfResourceLists(level);
    if (union) return union;
  }
  while (level.length > 1) {
    const next: (readonly string[])[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i] as readonly string[];
      const b = level[i + 1];
      next.push(b ? mergeSorted(a, b, compare) : a);
    }
    level = next;
  }
  return level[0] as readonly string[];
}

/** Whether a statement allows (rather than denies). */
export function isAllow(statement: Statement): boolean {
  return statement.effect === 'Allow';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The services of a profile (see {@link AccessIndex.sharedProfiles}), made when first asked: each
 * service's shared part, or null when the profile has none there.
 */
export function profileOf<T>(
  profiles: Map<string, Map<string, unknown>>,
  key: string,
): Map<string, T | null> {
  let found = profiles.get(key);
  if (!found) {
    found = new Map();
    profiles.set(key, found);
  }
  return found as Map<string, T | null>;
}
