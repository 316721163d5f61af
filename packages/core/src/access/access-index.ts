import type { ActionInfo, Catalog } from '../catalog/catalog.js';
import type { ResourceTypeIndex, ResourceTypeRef } from '../catalog/resource-types.js';
import { compileArnPattern, compileArnPatternParts } from '../condition/arn.js';
import { compileCondition } from '../condition/compile-condition.js';
import type { CompiledCondition } from '../condition/compiled.js';
import type { RequestContext } from '../condition/context.js';
import type { Result } from '../diagnostics/diagnostic.js';
import { isResourcePolicyRequired } from '../evaluate/evaluate-request.js';
import { parseArn, splitArn } from '../match/arn.js';
import { parsePolicy } from '../policy/parse-policy.js';
import type { Policy, PolicyVersion, Statement } from '../policy/types.js';
import { compileTemplate, compileTemplateMatcher } from '../policy/variables.js';
import { filterSame } from '../private/filter-same.js';
import { keyOfIds } from '../private/key-of-ids.js';
import { memoByPair } from '../private/memo-by-pair.js';
import { mergeSorted } from '../private/merge-sorted.js';
import type { Snapshot } from '../snapshot/model.js';
import { ActionBits } from './action-bits.js';
import { ownInlineDocuments, type PolicySets, policySetsOf } from './policy-sets.js';
import {
  type PrincipalSide,
  principalSideOf,
  type ResourceSide,
  resourceSideOf,
} from './simulate-input-for.js';

/**
 * Resources that no evaluation of an action of one service can tell apart: the same resource
 * types, the same resource side for that service (account, resource-based policy, RCP levels,
 * context keys) and the same answer from every `Resource`/`NotResource` pattern of every policy
 * of the snapshot. One evaluation decides for all its members. A resource belongs to one class
 * per service that has actions on it (an IAM role to an `iam` class and an `sts` class, whose
 * side carries the trust policy).
 */
export interface ResourceClass {
  readonly id: number;
  readonly service: string;
  /** ARNs, sorted. */
  readonly members: readonly string[];
  /** The actions of the service the catalog authorises against these resources. */
  readonly actions: readonly ActionInfo[];
  /** The members' resource types of the service, comma-separated: classes with equal types have equal actions. */
  readonly types: string;
  /**
   * Whether the resource-based policy must allow every action of the service on the members
   * whoever asks (role trust policies for `sts`, KMS key policies): a principal it does not name
   * is denied them, and no evaluation is needed (the engine's `isResourcePolicyRequired`).
   */
  readonly policyRequired: boolean;
  /** Ids of the snapshot's resource patterns that match the members, ascending. */
  readonly patterns: readonly number[];
  /**
   * Whether a pattern with a policy variable may match it: then the class has one member, and is
   * decided alone when that pattern takes part ({@link groupKeyOf}).
   */
  readonly variable: boolean;
  /** The resource side of the service, and a key that identifies it. */
  readonly side: ResourceSide;
  readonly sideKey: string;
  /**
   * {@link sideKey} with the resource-based policy as it reads for the members: each statement's
   * `Resource` or `NotResource` taken as whether it covers them. Two buckets whose policies differ
   * only in naming each its own bucket read the same, so classes are grouped by this key (a
   * decision on one stands for the other); decisions use the class's own side.
   */
  readonly groupSideKey: string;
}

/** What a resource-based policy (or trust policy) grants, by whom it names. */
interface Grants {
  /** Per resource class, the actions some Allow statement with a principal names, lowercase patterns expanded. */
  readonly actions: ReadonlyMap<number, ReadonlySet<string>>;
  /** Classes whose policy names everyone (`*`) or uses `NotPrincipal`. */
  readonly toAll: ReadonlySet<number>;
  /** Classes by the account they name (`123456789012`, `arn:aws:iam::123456789012:root`). */
  readonly byAccount: ReadonlyMap<string, ReadonlySet<number>>;
  /** Classes by the user or role ARN they name (a role session's role too). */
  readonly byPrincipal: ReadonlyMap<string, ReadonlySet<number>>;
  /**
   * Classes by the user or role ARN that some statement's `Principal` names, `Allow` or `Deny`
   * (a role session's role as `role-name:account:name`): a statement naming other principals
   * never matches this one.
   */
  readonly mentions: ReadonlyMap<string, ReadonlySet<number>>;
}

/** The snapshot-wide part of effective access, built once per snapshot. */
export interface AccessIndex {
  readonly classes: readonly ResourceClass[];
  /** The resource pattern ids by pattern text (the text as written in the policy). */
  readonly patternIds: ReadonlyMap<string, number>;
  /** Per pattern id, the classes it may match. */
  readonly classesOfPattern: readonly (readonly number[])[];
  /** The ids of the patterns with a policy variable. */
  readonly variablePatterns: ReadonlySet<number>;
  /**
   * {@link principalSideOf}, the same object for the principal asked last: effective access and
   * the score's floor of one principal share its compiled policies.
   */
  principalSide(principalArn: string): Result<PrincipalSide>;
  /**
   * A service's place in the order of its actions' names (`s3-object-lambda:` before `s3:`):
   * parts of access sorted by it are sorted by their first grant (`accessFromParts`).
   */
  serviceRank(service: string): number;
  /** The version of the policy a statement of a document this index parsed is in. */
  versionOf(statement: Statement): PolicyVersion | undefined;
  /** A principal's own statements by service and by where they come from, once per side. */
  ownStatementsOf(side: PrincipalSide): OwnStatements;
  /**
   * A pattern with policy variables that name only who the principal is (`${aws:username}`,
   * principal tags), as a test with the variables set from a principal's request context;
   * undefined when it reads another key or the context lacks one.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
   */
  resolvedPattern(id: number, context: RequestContext): ((arn: string) => boolean) | undefined;
  /**
   * The patterns that match some class of a service, and those that match every one of them
   * (`*`, `arn:aws:iam::111122223333:*`): the latter tell none of its classes apart.
   */
  patternsOf(service: string): { readonly some: ReadonlySet<number>; readonly every: ReadonlySet<number> };
  /**
   * A service's classes grouped as every evaluation treats them alike for a principal whose own
   * patterns among the service's match all of its classes or none (`universal`, ascending):
   * the same resource types, resource side and answers from the patterns that take part
   * (`universal` and the resource-side ones). Each group's `classKey` names what decides it.
   */
  baseGroupsOf(service: string, universal: readonly number[]): BaseGrouping;
  /** Pattern ids of RCPs and resource-based policies: they take part in every principal's evaluation. */
  readonly resourceSidePatterns: ReadonlySet<number>;
  readonly grants: Grants;
  /** Compiles policy sets, each policy once for the whole snapshot. */
  readonly policySets: PolicySets;
  /** A policy document parsed, once per document; undefined when it does not parse. */
  parse(document: unknown): Policy | undefined;
  /** Whether a statement's `Action` or `NotAction` names an action (catalog spelling). */
  allows(statement: Statement): (action: string) => boolean;
  /** The statements of a resource side (its resource-based policy and its RCPs) that name actions of a service. */
  sideStatements(side: ResourceSide, sideKey: string, service: string): readonly Statement[];
  /** The services (lowercase prefixes) of the actions a statement names. */
  servicesOf(statement: Statement): ReadonlySet<string>;
  /**
   * Splits actions (of one service) into groups that every statement names alike: each statement
   * names all of a group or none of it. `kms:RetireGrant`, which RCPs treat apart, is alone.
   */
  groupActions(actions: Iterable<string>, statements: readonly Statement[]): readonly (readonly string[])[];
  /**
   * Whether the statements that name an action read nothing of who the principal is beyond its
   * account, its kind and its boundary: no condition on `aws:PrincipalArn`, `aws:username`,
   * `aws:userid`, principal tags or the source identity, no policy variable, and no `Principal`
   * naming a user or role, nor `NotPrincipal`. Outcomes of such evaluations can be shared.
   * With `mentioned` false (no statement's `Principal` names the principal: see
   * {@link Grants.mentions}), a `Principal` naming users or roles is neutral too: such a statement
   * matches none of the principals that share the outcome.
   */
  isNeutral(
    action: string,
    statements: readonly Statement[],
    mentioned?: boolean,
    answered?: ReadonlySet<Statement>,
  ): boolean;
  /**
   * What a principal's own statements (identity, boundary, SCPs) read of who it is, answered for
   * it: each statement whose only reading of the principal is a condition on one of the keys
   * {@link isNeutral} names, with literal values, and the answer of each such condition for the
   * principal's request context (`T`, `F`, `E` for a key without values, `U` when the context
   * lacks the key). Principals with the same key get the same decisions from those statements, so
   * `isNeutral` given `answered` counts them neutral (an SCP denying every region but one, except
   * for an administrator role, answers alike for every other role).
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
   */
  answersOf(own: readonly Statement[], context: RequestContext): PrincipalAnswers;
  /** Outcomes shared between principals (see {@link isNeutral}), by a key the caller builds. */
  readonly sharedOutcomes: Map<string, string>;
  /**
   * A small number for a text, the same for equal texts for the life of the index: memo keys made
   * of such numbers stay short however long the texts they stand for.
   */
  textId(text: string): number;
  /**
   * The actions of a service that take no resource and that some of the statements name, as
   * action ids, ascending.
   */
  wildcardOnlyOf(statements: readonly Statement[], service: string): readonly number[];
  /**
   * Splits action ids (ascending, of one service) into groups that every statement names alike;
   * `kms:RetireGrant`, which RCPs treat apart, is alone. Action ids, ascending.
   */
  groupActionSet(ids: readonly number[], statements: readonly Statement[]): readonly (readonly number[])[];
  actionName(id: number): string;
  /** The statements of the RCPs that apply to `*` for a principal of an account. */
  starStatements(account: string | undefined): readonly Statement[];
  /** The resource side of `*` for an account's principals and a service, with its key. */
  starSide(
    snapshot: Snapshot,
    account: string | undefined,
    service: string,
  ): { side: ResourceSide; key: string };
  /**
   * For a statement with `"Resource": "*"`: the classes of a service it reaches and, per class,
   * the actions.
   */
  reachOfAnyResource(statement: Statement, service: string): ReadonlyMap<number, readonly string[]>;
  /** A small number that identifies a statement (its object) for the life of the index. */
  statementId(statement: Statement): number;
  /**
   * The statements as a key: their ids ({@link statementId}) ascending, each once. Evaluation
   * reads statements as a set (the order of policies and a policy attached twice, directly and
   * through a group, change no decision), so principals with the same set share what is built
   * from it.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
   */
  statementsKey(statements: readonly Statement[]): string;
  /**
   * Like {@link statementsKey}, with statements equal in content (and policy version) given the
   * same id, for statements no result names by their policy: a permissions boundary's (only
   * identity and resource-based policies are named in `via`), and any in the score's floor
   * (which has no `via`). Equal statements of different policies decide alike.
   */
  contentKey(statements: readonly Statement[]): string;
  /**
   * Whether a statement (of a policy this index parsed) may match a request effective access
   * makes for one of the service's actions: on a resource of one of the service's classes, or on
   * `*` for an action without a resource. It may unless it has a `Resource` none of whose values
   * is `*`, holds a policy variable, matches `*` or matches a member of one of those classes. A
   * statement applies to a request only when its resource matches, so the others decide nothing
   * there, and what is shared need not tell principals apart by them (an inline policy naming one
   * Kinesis stream the inventory does not hold leaves a principal's Kinesis access shared).
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
   */
  readonly appliesIn: StatementFilter;
  /** One service's effective access, shared between principals by a key the caller builds. */
  readonly sharedServices: Map<string, unknown>;
  /**
   * Per sharing prefix and {@link OwnStatements.profile}, what effective access keeps of each
   * service outside the principal's narrow ones (a shared part, or null for none), so a principal
   * with that profile looks up its hundreds of such services by name.
   */
  readonly sharedProfiles: Map<string, Map<string, unknown>>;
  /**
   * Whether a statement is of one user's or role's own inline policy: what is built from it
   * serves that principal alone, so callers do not keep it for sharing (memory grows with the
   * principals that share, not with all of them).
   */
  isOwnInline(statement: Statement): boolean;
  /** The catalog actions of one service (lowercase prefix) a statement names. */
  actionsIn(statement: Statement, service: string): readonly ActionInfo[];
  /** Statements by the services (lowercase prefixes) whose actions they name, in order. */
  byService(statements: readonly Statement[]): ReadonlyMap<string, readonly Statement[]>;
  /**
   * A small number for a list of classes (ascending ids) that one evaluation decides together;
   * the same number for the same list.
   */
  classGroupOf(classIds: readonly number[]): number;
  /**
   * The members of some class groups ({@link classGroupOf}; `-1` is `*`), sorted: one array per
   * set of classes the groups hold together, however they are split into groups, shared between
   * callers (never change it). Within a service equal lists are the same object, as its classes
   * never share a member. A list that is not known yet is kept in `scratch` when one is given,
   * not for the snapshot's life: for what serves one principal
   * (a user that a self-service policy's `${aws:username}` sets apart reaches a list of every
   * other user, so keeping them all would be users × users entries).
   */
  resourcesOf(groupIds: readonly number[], scratch?: Map<string, readonly string[]>): readonly string[];
}

/** See {@link AccessIndex.ownStatementsOf}. */
export interface OwnStatements {
  /** Every own statement: the boundaries', the SCPs' and the identity policies'. */
  readonly all: readonly Statement[];
  /**
   * The services (lowercase prefixes) some Allow statement of an identity policy names actions
   * of, in {@link AccessIndex.serviceRank} order.
   */
  readonly allowServices: readonly string[];
  /**
   * The statements that name some of a service's actions, by where they come from; with `keep`,
   * only those it keeps (decided once per policy and service, not per principal).
   */
  statementsFor(service: string, keep?: StatementFilter): ServiceStatements;
  /** The ids of the resource patterns the statements name. */
  readonly patterns: ReadonlySet<number>;
  /**
   * What decides the statements of every service outside {@link narrowServices}, as a key: the
   * broad statements of its identity policies (never its own inline ones'), its boundaries and
   * its SCPs. Two principals with the same key (and the same sharing prefix) have the same
   * statements of every such service, so what is built from them per service can be looked up by
   * the key and the service alone (an administrator's hundreds of services).
   */
  readonly profile: string;
  /** The services some statement of its identity policies names that is not broad, or of its own inline policies. */
  readonly narrowServices: ReadonlySet<string>;
  /**
   * Whether a permissions boundary caps what the identity policies allow (one that does not parse
   * is left to the evaluation, which reports it).
   */
  readonly bounded: boolean;
  /** An identity policy document that does not parse, when there is one (the others are skipped). */
  readonly unparsed?: { readonly document: unknown };
}

/**
 * Whether to keep a statement among a service's: the same answer for every principal, so it is
 * asked once per statement and service. A filter is kept by identity: pass the same function.
 */
export type StatementFilter = (statement: Statement, service: string) => boolean;

/** One service's own statements of a principal, by where they come from. */
export interface ServiceStatements {
  readonly identity: readonly Statement[];
  readonly boundary: readonly Statement[];
  readonly scp: readonly Statement[];
}

/** Some statements of a policy by service: those of the service, or of them those a filter keeps. */
interface StatementSource {
  of(service: string): readonly Statement[] | undefined;
}

/**
 * A statement naming actions of this many services or more is broad (`*`, an AWS managed policy's
 * long list): the services of a principal's other statements are few, and for every other service
 * only its broad statements name actions (see {@link OwnStatements.profile}).
 */
const BROAD_SERVICES = 8;

/** A policy's statements by the services whose actions they name, once per policy. */
interface PolicyServices extends StatementSource {
  /** A small number for the policy, for the life of the index. */
  readonly id: number;
  readonly byService: ReadonlyMap<string, readonly Statement[]>;
  /** Its statements that name actions of many services ({@link BROAD_SERVICES}). */
  readonly broad: readonly Statement[];
  /** The services its other statements name actions of. */
  readonly narrowServices: ReadonlySet<string>;
  /** The services an Allow statement names actions of, by service rank. */
  readonly allowServices: readonly string[];
  /** The ids of the resource patterns it names. */
  readonly patterns: readonly number[];
}

/** The statements of some policies that name a service's actions: one policy's list as it is. */
function gather(policies: readonly StatementSource[], service: string): readonly Statement[] {
  let found: readonly Statement[] = noStatements;
  let copied = false;
  for (const policy of policies) {
    const list = policy.of(service);
    if (!list || list.length === 0) continue;
    if (found.length === 0) found = list;
    else if (copied) (found as Statement[]).push(...list);
    else {
      found = [...found, ...list];
      copied = true;
    }
  }
  return found;
}

const noStatements: readonly Statement[] = [];

/** A policy's statements of each service that a filter keeps, found once per service. */
class KeptStatements implements StatementSource {
  private readonly lists = new Map<string, readonly Statement[]>();
  constructor(
    private readonly policy: PolicyServices,
    private readonly keep: StatementFilter,
  ) {}

  of(service: string): readonly Statement[] | undefined {
    let list = this.lists.get(service);
    if (list === undefined) {
      const all = this.policy.of(service);
      if (!all) return undefined;
      list = filterSame(all, (s) => this.keep(s, service));
      this.lists.set(service, list);
    }
    return list;
  }
}

/** Classes that evaluations treat alike (see {@link AccessIndex.baseGroupsOf}). */
export interface ClassGroup {
  /** Class ids, ascending. */
  readonly ids: readonly number[];
  /** The resource side's key and the patterns that take part, as text. */
  readonly classKey: string;
  /** The resource types and `classKey`: classes with the same key are decided together. */
  readonly key: string;
}

/** See {@link AccessIndex.baseGroupsOf}. */
export interface BaseGrouping {
  readonly groups: readonly ClassGroup[];
  /**
   * The groups whose classes a principal can reach without their resource-based policy naming it
   * (not roles for `sts:`, not KMS keys): the others are reached only by principals they name.
   */
  readonly open: readonly ClassGroup[];
  /** The group of each class of the service. */
  readonly groupOf: ReadonlyMap<number, ClassGroup>;
}

/** See {@link AccessIndex.answersOf}. */
export interface PrincipalAnswers {
  /** The answers, with the statements they belong to: part of the key of what is shared. */
  readonly key: string;
  /** The statements answered. */
  readonly answered: ReadonlySet<Statement>;
}

const indexes = new WeakMap<Snapshot, AccessIndex>();
/** The class groups each list of {@link AccessIndex.resourcesOf} holds the members of, and its index. */
const listGroups = new WeakMap<
  readonly string[],
  { index: AccessIndex; groups: readonly number[]; scratch?: Map<string, readonly string[]> }
>();

/**
 * The union of resource lists of one index's {@link AccessIndex.resourcesOf}, as the list of the
 * union of their class groups (sorted, and the same object for the same union): found without
 * merging the members, which may be every role of a large account. Undefined when a list is not
 * one of those.
 */
export function unionOfResourceLists(lists: Iterable<readonly string[]>): readonly string[] | undefined {
  let index: AccessIndex | undefined;
  // A union with a list that serves one principal serves it alone too.
  let scratch: Map<string, readonly string[]> | undefined;
  const groups = new Set<number>();
  for (const list of lists) {
    const known = listGroups.get(list);
    if (!known || (index && known.index !== index)) return undefined;
    index = known.index;
    scratch ??= known.scratch;
    for (const id of known.groups) groups.add(id);
  }
  return index?.resourcesOf(
    [...groups].sort((a, b) => a - b),
    scratch,
  );
}
const noClasses: ReadonlyMap<number, readonly string[]> = new Map();

/**
 * The resource classes of a snapshot and what its resource-based policies grant, computed once
 * per snapshot (snapshots are never changed).
 *
 * Resources are the inventory (`resources.json`), one `arn:aws:s3:::bucket/*` per bucket standing
 * for its objects, and the IAM users, roles, groups and customer managed policies.
 */
export function accessIndexOf(
  snapshot: Snapshot,
  tools: { readonly catalog: Catalog; readonly resourceTypes: ResourceTypeIndex },
): AccessIndex {
  const known = indexes.get(snapshot);
  if (known) return known;
  const { catalog, resourceTypes } = tools;

  // Every resource pattern of every policy of the snapshot. Those of RCPs split a service's
  // classes for everyone; a resource-based policy's are read for its own resource alone (see
  // ResourceClass.groupSideKey).
  const patterns = new PatternTable();
  const resourceSidePatterns = new Set<number>();
  for (const { policy, side } of policiesOf(snapshot)) {
    for (const s of policy.statements) {
      for (const text of s.resource ?? s.notResource ?? []) {
        const id = patterns.add(text, policy.version === '2012-10-17');
        if (side === 'rcp') resourceSidePatterns.add(id);
      }
    }
  }
  // A resource-based policy as it reads for a resource (whose matching pattern ids are given):
  // each statement's Resource or NotResource replaced by whether it covers the resource, as a
  // small number; undefined when a pattern holds a policy variable (read per request).
  const readingIds = new Map<string, number>();
  const readingOf = (document: unknown, matching: ReadonlySet<number>): number | undefined => {
    const parsed = parsePolicy(document);
    if (!parsed.ok) return undefined;
    const { version, statements } = parsed.value;
    // A policy that names no resource (a trust policy) reads the same for every resource.
    if (!statements.some((s) => s.resource ?? s.notResource)) return undefined;
    const prefix = version === '2012-10-17' ? 'v' : 'l';
    const read: unknown[] = [];
    for (const { resource, notResource, ...rest } of statements) {
      const list = resource ?? notResource;
      let covers: boolean | undefined;
      if (list) {
        const ids = list.map((text) => patterns.ids.get(`${prefix}${text}`));
        if (ids.some((id) => id === undefined || patterns.variableIds.has(id))) return undefined;
        const hit = ids.some((id) => matching.has(id as number));
        covers = resource ? hit : !hit;
      }
      read.push({ ...rest, covers });
    }
    const text = `${version}${JSON.stringify(read)}`;
    let id = readingIds.get(text);
    if (id === undefined) {
      id = readingIds.size;
      readingIds.set(text, id);
    }
    return id;
  };

  // Resource classes.
  const policyIds = new IdentityIds();
  type Draft = Omit<ResourceClass, 'id' | 'members'> & { members: string[] };
  const byKey = new Map<string, Draft>();
  for (const arn of snapshotResources(snapshot)) {
    const { ids, variable } = patterns.matching(arn);
    const refs = resourceTypes.resourceTypesOf(arn);
    const byService = new Map<string, ActionInfo[]>();
    const only = refs.length === 1 ? (refs[0] as ResourceTypeRef) : undefined;
    for (const info of only
      ? resourceTypes.actionsFor(only.service, only.type)
      : resourceTypes.actionsForArn(arn)) {
      const list = byService.get(info.service);
      if (list) list.push(info);
      else byService.set(info.service, [info]);
    }
    for (const [service, actions] of byService) {
      const side = resourceSideOf(snapshot, arn, `${service}:x`, undefined);
      // The request reads the ARN's own account (`aws:ResourceAccount`) when the side gives none.
      const account = side.resourceAccount ?? parseArn(arn)?.account;
      const context = JSON.stringify(side.context);
      const sideKey = `${account}|${policyIds.of(side.resourcePolicy)}|${context}`;
      const reading =
        side.resourcePolicy === undefined ? undefined : readingOf(side.resourcePolicy, new Set(ids));
      const groupSideKey = reading === undefined ? sideKey : `${account}|r${reading}|${context}`;
      const types = refs
        .filter((t) => t.service === service)
        .map((t) => t.type)
        .join(',');
      const key = `${service}\u0000${types}\u0000${sideKey}\u0000${ids.join(',')}${variable ? `\u0000${arn}` : ''}`;
      const found = byKey.get(key);
      if (found) found.members.push(arn);
      else
        byKey.set(key, {
          service,
          members: [arn],
          actions,
          types,
          policyRequired: isResourcePolicyRequired(service, splitArn(arn)),
          patterns: ids,
          variable,
          side,
          sideKey,
          groupSideKey,
        });
    }
  }
  const classes: ResourceClass[] = [...byKey.values()].map((c, id) => ({ id, ...c }));
  const classesOfAction = new Map<string, number[]>();
  for (const c of classes) {
    for (const info of c.actions) {
      const list = classesOfAction.get(info.action);
      if (list) list.push(c.id);
      else classesOfAction.set(info.action, [c.id]);
    }
  }
  const classesOfPattern: number[][] = Array.from({ length: patterns.size }, () => []);
  for (const c of classes) for (const p of c.patterns) classesOfPattern[p]?.push(c.id);

  const parsedPolicies = new Map<unknown, Policy | undefined>();
  const statementActions = new WeakMap<Statement, readonly ActionInfo[]>();
  const statementTests = new WeakMap<Statement, (action: string) => boolean>();
  const listsByGroups = new Map<string, readonly string[]>();
  // The keys of lists made in a principal's scratch map (see AccessIndex.resourcesOf).
  const listsOnceInScratch = new Set<string>();
  // Every member of a class, in ARN order, and each class's members as ranks in that order
  // (ascending: a class's members are sorted).
  const ordered = [...new Set(classes.flatMap((c) => c.members))].sort(compare);
  const rankOf = new Map(ordered.map((arn, i) => [arn, i]));
  const memberRanks: (Int32Array | undefined)[] = [];
  const ranksOf = (classId: number): Int32Array => {
    let ranks = memberRanks[classId];
    if (!ranks) {
      ranks = Int32Array.from((classes[classId] as ResourceClass).members, (m) => rankOf.get(m) as number);
      memberRanks[classId] = ranks;
    }
    return ranks;
  };
  const actionsOf = (statement: Statement): readonly ActionInfo[] => {
    let actions = statementActions.get(statement);
    if (!actions) {
      const patterns = statement.action ?? statement.notAction ?? [];
      // One pattern's expansion holds each action once, and is shared: most statements name one.
      const named =
        patterns.length === 1
          ? catalog.expandActionPattern(patterns[0] as string)
          : patterns.flatMap((p) => catalog.expandActionPattern(p));
      if (statement.notAction) {
        const excluded = new Set(named.map((a) => a.action));
        actions = catalog.expandActionPattern('*').filter((a) => !excluded.has(a.action));
      } else actions = patterns.length === 1 ? named : [...new Set(named)];
      statementActions.set(statement, actions);
    }
    return actions;
  };
  const allActions = catalog.expandActionPattern('*');
  const serviceRanks = new Map(
    [...new Set(allActions.map((a) => a.service.toLowerCase()))]
      .sort((a, b) => compare(`${a}:`, `${b}:`))
      .map((service, i) => [service, i]),
  );
  // A service the catalog lacks goes last: accessFromParts sorts what is out of order.
  const serviceRankOf = (service: string) => serviceRanks.get(service) ?? serviceRanks.size;
  const byRank = (a: string, b: string) => serviceRankOf(a) - serviceRankOf(b);
  const actionIds = new Map(allActions.map((a, i) => [a.action, i]));
  const words = (allActions.length + 31) >>> 5;
  const bitsets = new WeakMap<Statement, ActionBits>();
  const bitsOf = (statement: Statement): ActionBits => {
    let bits = bitsets.get(statement);
    if (!bits) {
      bits = new ActionBits(
        actionsOf(statement).map((info) => actionIds.get(info.action) as number),
        words,
      );
      bitsets.set(statement, bits);
    }
    return bits;
  };
  // Splits groups of action ids (ascending) until every statement names all or none of each.
  const refine = (groups: (readonly number[])[], statements: readonly Statement[]): (readonly number[])[] => {
    for (const statement of statements) {
      const bits = bitsOf(statement);
      const next: (readonly number[])[] = [];
      for (const group of groups) {
        if (group.length < 2) {
          next.push(group);
          continue;
        }
        const [named, other] = bits.split(group);
        if (named.length > 0) next.push(named);
        if (other.length > 0) next.push(other);
      }
      groups = next;
    }
    return groups;
  };
  const sideStatementLists = new Map<string, readonly Statement[]>();
  const statementServices = new WeakMap<Statement, ReadonlySet<string>>();
  const servicesOf = (statement: Statement): ReadonlySet<string> => {
    let services = statementServices.get(statement);
    if (!services) {
      const found = new Set<string>();
      for (const a of actionsOf(statement)) found.add(a.service.toLowerCase());
      services = found;
      statementServices.set(statement, services);
    }
    return services;
  };
  const statementVersions = new WeakMap<Statement, PolicyVersion>();
  const appliesIn = memoByPair((statement: Statement, service: string): boolean => {
    const version = statementVersions.get(statement);
    const resources = statement.resource;
    return (
      !resources ||
      version === undefined ||
      resources.some((text) => {
        if (text === '*' || (version === '2012-10-17' && text.includes('${'))) return true;
        const id = patterns.ids.get(`${version === '2012-10-17' ? 'v' : 'l'}${text}`);
        const hit = (classesOfPattern[id ?? -1] ?? []).some(
          (c) => (classes[c] as ResourceClass).service === service,
        );
        return hit || compileArnPattern(text)('*');
      })
    );
  });
  const ownStatements = new WeakMap<PrincipalSide, OwnStatements>();
  const keptStatementsOf = memoByPair(
    (policy: PolicyServices, keep: StatementFilter) => new KeptStatements(policy, keep),
  );
  const policyServices = new WeakMap<Policy, PolicyServices>();
  let nextPolicyId = 0;
  const policyServicesOf = (policy: Policy): PolicyServices => {
    let found = policyServices.get(policy);
    if (!found) {
      const byService = new Map<string, Statement[]>();
      const allowing = new Set<string>();
      const ids = new Set<number>();
      const prefix = policy.version === '2012-10-17' ? 'v' : 'l';
      const broad: Statement[] = [];
      const narrowServices = new Set<string>();
      for (const statement of policy.statements) {
        for (const text of statement.resource ?? statement.notResource ?? []) {
          const id = patterns.ids.get(`${prefix}${text}`);
          if (id !== undefined) ids.add(id);
        }
        const services = servicesOf(statement);
        if (services.size >= BROAD_SERVICES) broad.push(statement);
        for (const service of services) {
          const list = byService.get(service);
          if (list) list.push(statement);
          else byService.set(service, [statement]);
          if (statement.effect === 'Allow') allowing.add(service);
          if (services.size < BROAD_SERVICES) narrowServices.add(service);
        }
      }
      found = {
        id: nextPolicyId++,
        byService,
        of: (service) => byService.get(service),
        allowServices: [...allowing].sort(byRank),
        patterns: [...ids],
        broad,
        narrowServices,
      };
      policyServices.set(policy, found);
    }
    return found;
  };
  const contentIds = new WeakMap<Statement, number>();
  const parse = (document: unknown): Policy | undefined => {
    if (!parsedPolicies.has(document)) {
      const parsed = parsePolicy(document);
      parsedPolicies.set(document, parsed.ok ? parsed.value : undefined);
      if (parsed.ok) for (const s of parsed.value.statements) statementVersions.set(s, parsed.value.version);
    }
    return parsedPolicies.get(document);
  };
  const retireGrant = actionIds.get('kms:RetireGrant');
  const starSides = new Map<string, { side: ResourceSide; key: string }>();
  const starStatementLists = new Map<string, readonly Statement[]>();
  const anyResourceReach = new WeakMap<Statement, Map<string, Map<number, string[]>>>();
  const statementIds = new WeakMap<Statement, number>();
  const actionsByService = new WeakMap<Statement, Map<string, ActionInfo[]>>();
  let nextStatementId = 0;
  // Per service, its actions that take no resource (ids ascend).
  const resourceless = new Map<string, number[]>();
  allActions.forEach((a, id) => {
    if (a.resourceTypes.length > 0) return;
    const service = a.service.toLowerCase();
    const list = resourceless.get(service);
    if (list) list.push(id);
    else resourceless.set(service, [id]);
  });
  // Per statement: 2 neutral, 1 neutral unless its Principal names the principal, 0 not neutral.
  const neutrality = new WeakMap<Statement, number>();
  const neutralityOf = (statement: Statement): number => {
    let neutral = neutrality.get(statement);
    if (neutral === undefined) {
      neutral = statementIsNeutral(statement, false) ? 2 : statementIsNeutral(statement, true) ? 1 : 0;
      neutrality.set(statement, neutral);
    }
    return neutral;
  };
  // The compiled conditions on who the principal is of a statement that reads nothing else of it
  // (see AccessIndex.answersOf); null for the others.
  const principalTests = new WeakMap<Statement, readonly CompiledCondition[] | null>();
  const principalTestsOf = (statement: Statement): readonly CompiledCondition[] | null => {
    let tests = principalTests.get(statement);
    if (tests === undefined) {
      tests = answerableTestsOf(statement);
      principalTests.set(statement, tests);
    }
    return tests;
  };
  let ownInline: WeakSet<Statement> | undefined;
  const classesByService = new Map<string, ResourceClass[]>();
  for (const c of classes) {
    const list = classesByService.get(c.service);
    if (list) list.push(c);
    else classesByService.set(c.service, [c]);
  }
  const servicePatterns = new Map<string, { some: Set<number>; every: Set<number> }>();
  const baseGroupings = new Map<string, BaseGrouping>();
  let lastSide: { readonly arn: string; readonly side: Result<PrincipalSide> } | undefined;
  const resolvers = new Map<
    number,
    ((context: RequestContext) => ((arn: string) => boolean) | undefined) | null
  >();
  const textIds = new Map<string, number>();
  const classGroupIds = new Map<string, number>();
  const classGroups: (readonly number[])[] = [];
  // For actions, by service, the classes they reach and, per class, which of them.
  const reachOfActions = (actions: readonly ActionInfo[]) => {
    const reach = new Map<string, Map<number, string[]>>();
    for (const info of actions) {
      for (const id of classesOfAction.get(info.action) ?? []) {
        const classService = (classes[id] as ResourceClass).service;
        let map = reach.get(classService);
        if (!map) {
          map = new Map();
          reach.set(classService, map);
        }
        const list = map.get(id);
        if (list) list.push(info.action);
        else map.set(id, [info.action]);
      }
    }
    return reach;
  };
  const index: AccessIndex = {
    classes,
    patternIds: patterns.ids,
    classesOfPattern,
    variablePatterns: patterns.variableIds,
    principalSide(principalArn) {
      if (lastSide?.arn !== principalArn)
        lastSide = { arn: principalArn, side: principalSideOf(snapshot, principalArn) };
      return lastSide.side;
    },
    resolvedPattern(id, context) {
      let matcher = resolvers.get(id);
      if (matcher === undefined) {
        const template = compileTemplate(patterns.textOf(id), '2012-10-17');
        matcher = template.keys.every((key) => isPrincipalKey(key.toLowerCase()))
          ? compileTemplateMatcher(template, compileArnPatternParts)
          : null;
        resolvers.set(id, matcher);
      }
      return matcher?.(context);
    },
    resourceSidePatterns,
    grants: grantsOf(classes, catalog),
    policySets: policySetsOf(snapshot),
    parse,
    sharedOutcomes: new Map(),
    textId(text) {
      let id = textIds.get(text);
      if (id === undefined) {
        id = textIds.size;
        textIds.set(text, id);
      }
      return id;
    },
    patternsOf(service) {
      let found = servicePatterns.get(service);
      if (!found) {
        const list = classesByService.get(service) ?? [];
        const counts = new Map<number, number>();
        for (const c of list) for (const p of c.patterns) counts.set(p, (counts.get(p) ?? 0) + 1);
        const every = new Set<number>();
        for (const [p, n] of counts) if (n === list.length) every.add(p);
        found = { some: new Set(counts.keys()), every };
        servicePatterns.set(service, found);
      }
      return found;
    },
    baseGroupsOf(service, universal) {
      const cacheKey = `${service}|${universal.join(',')}`;
      let found = baseGroupings.get(cacheKey);
      if (!found) {
        const taking = new Set(universal);
        const byKey = new Map<string, { ids: number[]; classKey: string; key: string }>();
        const groupOf = new Map<number, ClassGroup>();
        for (const c of classesByService.get(service) ?? []) {
          const key = groupKeyOf(
            c,
            (p) => taking.has(p) || resourceSidePatterns.has(p),
            patterns.variableIds,
          );
          let group = byKey.get(key.key);
          if (!group) {
            group = { ids: [], ...key };
            byKey.set(key.key, group);
          }
          group.ids.push(c.id);
          groupOf.set(c.id, group);
        }
        const groups = [...byKey.values()];
        const open = groups.filter((g) => !(classes[g.ids[0] as number] as ResourceClass).policyRequired);
        found = { groups, open, groupOf };
        baseGroupings.set(cacheKey, found);
      }
      return found;
    },
    isNeutral(action, statements, mentioned = true, answered) {
      const id = actionIds.get(action) as number;
      const needed = mentioned ? 2 : 1;
      for (const statement of statements) {
        if (!bitsOf(statement).has(id) || neutralityOf(statement) >= needed) continue;
        if (!answered?.has(statement)) return false;
      }
      return true;
    },
    answersOf(own, context) {
      let key = '';
      const answered = new Set<Statement>();
      for (const statement of own) {
        const tests = principalTestsOf(statement);
        if (!tests) continue;
        let letters = '';
        for (const test of tests) {
          const values = context.get(test.keyLower);
          letters += values === undefined ? 'U' : values.length === 0 ? 'E' : test.test(context) ? 'T' : 'F';
        }
        answered.add(statement);
        key += `${index.statementId(statement)}=${letters};`;
      }
      return { key, answered };
    },
    sideStatements(side, sideKey, service) {
      const key = `${service}\u0000${sideKey}`;
      let list = sideStatementLists.get(key);
      if (!list) {
        const documents = [
          ...(side.resourcePolicy === undefined ? [] : [side.resourcePolicy]),
          ...(side.rcps ?? []).flatMap((level) => level.policies.map((p) => p.policy)),
        ];
        list = documents
          .flatMap((d) => parse(d)?.statements ?? [])
          .filter((st) => servicesOf(st).has(service));
        sideStatementLists.set(key, list);
      }
      return list;
    },
    servicesOf,
    wildcardOnlyOf(statements, service) {
      const candidates = resourceless.get(service) ?? [];
      if (statements.length === 0) return [];
      const sets = statements.map(bitsOf);
      return candidates.filter((id) => sets.some((bits) => bits.has(id)));
    },
    groupActionSet(ids, statements) {
      // kms:RetireGrant alone, before the rest of its group.
      const result: (readonly number[])[] = [];
      for (const group of refine(ids.length > 0 ? [ids] : [], statements)) {
        if (retireGrant === undefined || !group.includes(retireGrant)) {
          result.push(group);
          continue;
        }
        result.push([retireGrant]);
        const rest = group.filter((id) => id !== retireGrant);
        if (rest.length > 0) result.push(rest);
      }
      return result;
    },
    actionName: (id) => (allActions[id] as ActionInfo).action,
    starStatements(account) {
      const key = account ?? '';
      let list = starStatementLists.get(key);
      if (!list) {
        const side = resourceSideOf(snapshot, '*', 'sts:x', account);
        list = (side.rcps ?? []).flatMap((level) =>
          level.policies.flatMap((p) => parse(p.policy)?.statements ?? []),
        );
        starStatementLists.set(key, list);
      }
      return list;
    },
    starSide(snapshotArg, account, service) {
      const key = `${account}\u0000${service}`;
      let star = starSides.get(key);
      if (!star) {
        const side = resourceSideOf(snapshotArg, '*', `${service}:x`, account);
        star = { side, key: `*\u0000${JSON.stringify(side)}` };
        starSides.set(key, star);
      }
      return star;
    },
    reachOfAnyResource(statement, service) {
      // A principal's own inline statement serves it alone, once: its reach (the classes of every
      // resource of the service) is not kept for the life of the snapshot.
      if (index.isOwnInline(statement)) {
        return reachOfActions(index.actionsIn(statement, service)).get(service) ?? noClasses;
      }
      let known = anyResourceReach.get(statement);
      if (!known) {
        known = reachOfActions(actionsOf(statement));
        anyResourceReach.set(statement, known);
      }
      return known.get(service) ?? noClasses;
    },
    statementId(statement) {
      let id = statementIds.get(statement);
      if (id === undefined) {
        id = nextStatementId++;
        statementIds.set(statement, id);
      }
      return id;
    },
    appliesIn,
    versionOf: (statement) => statementVersions.get(statement),
    serviceRank: serviceRankOf,
    ownStatementsOf(side) {
      let own = ownStatements.get(side);
      if (own) return own;
      const all: Statement[] = [];
      const ownPatterns = new Set<number>();
      let unparsed: { document: unknown } | undefined;
      // Each document once (a managed policy attached directly and through a group is one).
      const policiesOf = (documents: readonly unknown[], identity: boolean): PolicyServices[] => {
        const found: PolicyServices[] = [];
        for (const document of new Set(documents)) {
          const policy = parse(document);
          if (!policy) {
            if (identity) unparsed ??= { document };
            continue;
          }
          const services = policyServicesOf(policy);
          found.push(services);
          all.push(...policy.statements);
          for (const id of services.patterns) ownPatterns.add(id);
        }
        return found;
      };
      const boundaries = policiesOf(
        side.permissionBoundaries.map((b) => b.policy),
        false,
      );
      const scps = policiesOf(
        (side.scps ?? []).flatMap((level) => level.policies.map((p) => p.policy)),
        false,
      );
      const identity = policiesOf(
        side.identityPolicies.map((p) => p.policy),
        true,
      );
      let allowServices = identity[0]?.allowServices ?? [];
      for (let i = 1; i < identity.length; i++)
        // Every service here has actions in the catalog, so a rank of its own.
        allowServices = mergeSorted(allowServices, (identity[i] as PolicyServices).allowServices, byRank);
      // Own inline policies serve this principal alone: their services are narrow.
      const narrowServices = new Set<string>();
      const broad: Statement[] = [];
      for (const policy of identity) {
        const first = policy.byService.values().next().value?.[0];
        const inline = first !== undefined && index.isOwnInline(first);
        for (const service of inline ? policy.byService.keys() : policy.narrowServices)
          narrowServices.add(service);
        if (!inline) broad.push(...policy.broad);
      }
      const ids = (list: readonly PolicyServices[]) =>
        list
          .map((p) => p.id)
          .sort((a, b) => a - b)
          .join(',');
      const profile = `${index.statementsKey(broad)}/${ids(boundaries)}/${ids(scps)}`;
      type Sources = Record<'identity' | 'boundaries' | 'scps', readonly StatementSource[]>;
      const everything: Sources = { identity, boundaries, scps };
      // The principal's policies as their kept statements, per filter (two at most).
      const kept = new Map<StatementFilter, Sources>();
      const keptSources = (keep: StatementFilter): Sources => {
        let found = kept.get(keep);
        if (!found) {
          const of = (list: readonly PolicyServices[]) => list.map((p) => keptStatementsOf(p, keep));
          found = { identity: of(identity), boundaries: of(boundaries), scps: of(scps) };
          kept.set(keep, found);
        }
        return found;
      };
      own = {
        all,
        allowServices,
        statementsFor(service, keep) {
          const from = keep ? keptSources(keep) : everything;
          return {
            identity: gather(from.identity, service),
            boundary: gather(from.boundaries, service),
            scp: gather(from.scps, service),
          };
        },
        patterns: ownPatterns,
        profile,
        narrowServices,
        bounded:
          side.permissionBoundaries.length > 0 && side.permissionBoundaries.every((b) => parse(b.policy)),
        ...(unparsed ? { unparsed } : {}),
      };
      ownStatements.set(side, own);
      return own;
    },
    contentKey(statements) {
      return keyOfIds(statements, (statement) => {
        let id = contentIds.get(statement);
        if (id === undefined) {
          const { index: _position, sid: _sid, ...content } = statement;
          id = index.textId(`${statementVersions.get(statement)}${JSON.stringify(content)}`);
          contentIds.set(statement, id);
        }
        return id;
      });
    },
    statementsKey(statements) {
      return keyOfIds(statements, index.statementId);
    },
    sharedServices: new Map(),
    sharedProfiles: new Map(),
    isOwnInline(statement) {
      if (!ownInline) {
        ownInline = new WeakSet();
        for (const doc of ownInlineDocuments(snapshot)) {
          for (const s of parse(doc)?.statements ?? []) ownInline.add(s);
        }
      }
      return ownInline.has(statement);
    },
    groupActions(actions, statements) {
      const retire: number[] = [];
      const all: number[] = [];
      for (const action of actions) {
        const id = actionIds.get(action) as number;
        if (action === 'kms:RetireGrant') retire.push(id);
        else all.push(id);
      }
      const groups = refine([all], statements);
      if (retire.length > 0) groups.push(retire);
      return groups
        .filter((g) => g.length > 0)
        .map((g) => g.map((id) => (allActions[id] as ActionInfo).action));
    },
    allows(statement) {
      let test = statementTests.get(statement);
      if (!test) {
        const names = new Set(actionsOf(statement).map((a) => a.action));
        test = (action) => names.has(action);
        statementTests.set(statement, test);
      }
      return test;
    },
    actionsIn(statement, service) {
      let known = actionsByService.get(statement);
      if (!known) {
        known = new Map();
        for (const info of actionsOf(statement)) {
          const key = info.service.toLowerCase();
          const list = known.get(key);
          if (list) list.push(info);
          else known.set(key, [info]);
        }
        actionsByService.set(statement, known);
      }
      return known.get(service) ?? [];
    },
    byService(statements) {
      const map = new Map<string, Statement[]>();
      for (const statement of statements) {
        for (const service of servicesOf(statement)) {
          const list = map.get(service);
          if (list) list.push(statement);
          else map.set(service, [statement]);
        }
      }
      return map;
    },
    classGroupOf(classIds) {
      const key = classIds.join(',');
      let id = classGroupIds.get(key);
      if (id === undefined) {
        id = classGroups.length;
        classGroups.push(classIds);
        classGroupIds.set(key, id);
      }
      return id;
    },
    resourcesOf(asked, scratch) {
      let groupIds = asked;
      const askedKey = groupIds.join(',');
      let key = askedKey;
      let list = listsByGroups.get(key) ?? scratch?.get(key);
      if (!list && groupIds.length > 1 && !groupIds.includes(-1)) {
        // Groups that hold together the classes of one known group give its list: a shared group
        // split into the classes a principal's own statement names and the rest, reached alike,
        // is the shared group's list, not a copy of it for that principal. Other groups are known
        // by the classes they hold together too: principals whose own statements split the same
        // classes into other groups (a user's own class, set apart by a self-service policy, among
        // every IAM user and role) share one list, not one each, which grew as principals times
        // members (20,000 roles: 4 s building lists of every role again).
        const classesKey = keyOfIds(
          groupIds.flatMap((id) => classGroups[id] ?? []),
          (id) => id,
        );
        const same = classGroupIds.get(classesKey);
        key = same !== undefined ? String(same) : `c${classesKey}`;
        if (same !== undefined) groupIds = [same];
        list = listsByGroups.get(key) ?? scratch?.get(key);
        // The groups asked for may be one principal's own split: found again there, not kept.
        if (list) (scratch ?? listsByGroups).set(askedKey, list);
      }
      if (!list) {
        // The members' ranks in ARN order, as numbers (classes of one service never share a member;
        // ranks are deduplicated all the same), then the members, in an array made to size.
        const parts: Int32Array[] = [];
        let total = 0;
        let star = false;
        for (const id of groupIds) {
          if (id < 0) star = true;
          else {
            for (const c of classGroups[id] ?? []) {
              const ranks = ranksOf(c);
              parts.push(ranks);
              total += ranks.length;
            }
          }
        }
        // Classes in the order of their first members: when none reaches past the next one's first
        // (a group of every role, say), they are put end to end, sorted already; else all is sorted.
        parts.sort((x, y) => (x[0] as number) - (y[0] as number));
        const all = new Int32Array(total);
        let at = 0;
        let inOrder = true;
        for (const ranks of parts) {
          if (at > 0 && (ranks[0] as number) <= (all[at - 1] as number)) inOrder = false;
          all.set(ranks, at);
          at += ranks.length;
        }
        if (!inOrder) all.sort();
        let distinct = 0;
        for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) distinct++;
        const members = new Array<string>(distinct + (star ? 1 : 0));
        let next = 0;
        if (star) members[next++] = '*';
        for (let i = 0; i < all.length; i++) {
          if (i === 0 || all[i] !== all[i - 1]) members[next++] = ordered[all[i] as number] as string;
        }
        list = members;
        // A list one principal's scratch held before is asked for again: it serves many, kept.
        const kept = !scratch || listsOnceInScratch.has(key);
        if (kept) listsByGroups.set(key, list);
        else {
          scratch.set(key, list);
          listsOnceInScratch.add(key);
        }
        if (askedKey !== key) (scratch ?? listsByGroups).set(askedKey, list);
        listGroups.set(list, { index, groups: groupIds, ...(kept ? {} : { scratch }) });
      }
      return list;
    },
  };
  indexes.set(snapshot, index);
  return index;
}

/** Condition keys (lowercase prefixes) that tell principals of one account and kind apart. */
const principalKeys = [
  'aws:principalarn',
  'aws:principaltag/',
  'aws:username',
  'aws:userid',
  'aws:sourceidentity',
  'aws:federatedprovider',
  'aws:principalservicenameslist',
];

/**
 * The key of the group of classes a class is decided with: its resource types, resource side and
 * the patterns that match it and take part (`takesPart`). A class a pattern with a policy variable
 * (`variables`) may match (it has one member) takes that pattern's answer for the principal
 * when `resolve` gives its test (`${aws:username}` matches the caller's own user only), and is
 * alone when it does not. A variable pattern that does not take part changes nothing, so the users
 * a self-service policy names are one group for the roles without it.
 */
export function groupKeyOf(
  c: ResourceClass,
  takesPart: (pattern: number) => boolean,
  variables: ReadonlySet<number>,
  resolve?: (pattern: number) => ((arn: string) => boolean) | undefined,
): { readonly classKey: string; readonly key: string } {
  const relevant = c.patterns.filter(takesPart);
  let own = '';
  if (c.variable) {
    for (const p of relevant) {
      if (!variables.has(p)) continue;
      const test = resolve?.(p);
      if (!test) {
        own = `\u0000${c.members[0]}`;
        break;
      }
      own += test(c.members[0] as string) ? '\u0001' : '\u0002';
    }
  }
  const classKey = `${c.groupSideKey}\u0000${relevant.join(',')}${own}`;
  return { classKey, key: `${c.types}\u0000${classKey}` };
}

/** Whether a lowercased condition key tells principals of one account and kind apart. */
function isPrincipalKey(key: string): boolean {
  return principalKeys.some((k) => key.startsWith(k));
}

/**
 * The compiled conditions on principal keys of an identity-side statement (no `Principal`, no
 * `NotPrincipal`, no policy variable) that reads who the principal is only through them, with
 * literal values; null for any other statement.
 */
function answerableTestsOf(statement: Statement): readonly CompiledCondition[] | null {
  if (statement.principal || statement.notPrincipal) return null;
  if ((statement.resource ?? statement.notResource ?? []).some((r) => r.includes('${'))) return null;
  const tests: CompiledCondition[] = [];
  for (const test of statement.conditions) {
    if (test.values.some((v) => v.includes('${'))) return null;
    if (!isPrincipalKey(test.key.toLowerCase())) continue;
    const compiled = compileCondition(test, '2012-10-17', 'Condition');
    if (!compiled.ok) return null;
    tests.push(compiled.value);
  }
  return tests.length === 0 ? null : tests;
}

/**
 * See {@link AccessIndex.isNeutral}; with `unnamed`, for a principal that the statement's
 * `Principal` does not name.
 */
function statementIsNeutral(statement: Statement, unnamed: boolean): boolean {
  if (statement.notPrincipal) return false;
  const named = statement.principal;
  if (
    !unnamed &&
    named &&
    !named.wildcard &&
    named.aws.some((p) => !/^(\d{12}|arn:[^:]+:iam::\d{12}:root)$/.test(p))
  )
    return false;
  for (const test of statement.conditions) {
    const key = test.key.toLowerCase();
    if (isPrincipalKey(key)) return false;
    if (test.values.some((v) => v.includes('${'))) return false;
  }
  return !(statement.resource ?? statement.notResource ?? []).some((r) => r.includes('${'));
}

/** Every policy of the snapshot, parsed, and whether it sits on the resource side. */
function* policiesOf(
  snapshot: Snapshot,
): Generator<{ policy: Policy; side: 'identity' | 'resource' | 'rcp' }> {
  const parse = (doc: unknown) => {
    const parsed = parsePolicy(doc);
    return parsed.ok ? parsed.value : undefined;
  };
  for (const account of snapshot.accounts) {
    const identity: unknown[] = [
      ...account.managedPolicies.map((p) => p.document),
      ...[...account.users, ...account.groups, ...account.roles].flatMap((e) =>
        e.inlinePolicies.map((p) => p.document),
      ),
    ];
    for (const doc of identity) {
      const policy = parse(doc);
      if (policy) yield { policy, side: 'identity' };
    }
    const resourceDocs: unknown[] = [
      ...account.roles.map((r) => r.trustPolicy),
      ...account.resources.map((r) => r.policy).filter((p) => p !== undefined),
    ];
    for (const doc of resourceDocs) {
      const policy = parse(doc);
      if (policy) yield { policy, side: 'resource' };
    }
  }
  for (const p of snapshot.organization?.policies ?? []) {
    const policy = parse(p.content);
    if (policy) yield { policy, side: p.type === 'RESOURCE_CONTROL_POLICY' ? 'rcp' : 'identity' };
  }
}

const resourceLists = new WeakMap<Snapshot, readonly string[]>();

/**
 * Every resource of the snapshot, sorted: the inventory; the IAM users, roles, groups and
 * customer managed policies; and for each S3 bucket of the inventory its objects, which the
 * inventory does not list: `arn:aws:s3:::bucket/*`, and each object pattern a policy of the
 * snapshot names in that bucket (`arn:aws:s3:::bucket/orders/*`), so that access granted to a
 * prefix shows as "the objects under orders/" rather than not at all.
 */
export function snapshotResources(snapshot: Snapshot): readonly string[] {
  const known = resourceLists.get(snapshot);
  if (known) return known;
  const arns = new Set<string>();
  const buckets = new Set<string>();
  for (const account of snapshot.accounts) {
    for (const r of account.resources) {
      arns.add(r.arn);
      if (r.type === 'AWS::S3::Bucket') {
        arns.add(`${r.arn}/*`);
        buckets.add(r.arn);
      }
    }
    for (const e of [...account.users, ...account.roles, ...account.groups]) arns.add(e.arn);
    for (const p of account.managedPolicies) if (!p.awsManaged) arns.add(p.arn);
  }
  if (buckets.size > 0) {
    for (const { policy } of policiesOf(snapshot)) {
      for (const s of policy.statements) {
        for (const text of s.resource ?? []) {
          const slash = text.indexOf('/');
          if (!text.startsWith('arn:aws:s3:::') || slash < 0 || text.includes('${')) continue;
          if (buckets.has(text.slice(0, slash))) arns.add(text);
        }
      }
    }
  }
  const list = [...arns].sort(compare);
  resourceLists.set(snapshot, list);
  return list;
}

/**
 * The distinct resource patterns of the snapshot, indexed by their literal prefix so that each
 * resource is tested only against the patterns that can match it.
 */
class PatternTable {
  readonly ids = new Map<string, number>();
  private readonly tests: ((arn: string) => boolean)[] = [];
  private readonly texts: string[] = [];
  /** The ids of the patterns with policy variables. */
  readonly variableIds = new Set<number>();
  private readonly byPrefix = new Map<string, number[]>();
  /** The lengths of the prefixes of `byPrefix`, ascending (undefined after a new one). */
  private lengths: number[] | undefined = [];

  /** A pattern's text as written. */
  textOf(id: number): string {
    return this.texts[id] as string;
  }

  get size(): number {
    return this.tests.length;
  }

  /** Adds a pattern; a pattern with policy variables is kept as "may match", its variables as `*`. */
  add(text: string, variables: boolean): number {
    const key = `${variables ? 'v' : 'l'}${text}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.tests.length;
    const hasVariables = variables && compileTemplate(text, '2012-10-17').hasVariables;
    const glob = hasVariables ? text.replace(/\$\{[^}]*\}/g, '*') : text;
    this.ids.set(key, id);
    this.tests.push(glob === '*' ? () => true : compileArnPattern(glob));
    this.texts.push(text);
    if (hasVariables) this.variableIds.add(id);
    const prefix = glob.slice(0, firstWildcard(glob));
    const list = this.byPrefix.get(prefix);
    if (list) list.push(id);
    else {
      this.byPrefix.set(prefix, [id]);
      this.lengths = undefined;
    }
    return id;
  }

  /** The ids of the patterns that match `arn` (ascending), and whether a variable one may. */
  matching(arn: string): { ids: number[]; variable: boolean } {
    const ids: number[] = [];
    let variable = false;
    this.lengths ??= [...new Set([...this.byPrefix.keys()].map((p) => p.length))].sort((a, b) => a - b);
    // Only the lengths some prefix has: most ARNs would otherwise be cut at every length.
    for (const end of this.lengths) {
      if (end > arn.length) break;
      const candidates = this.byPrefix.get(arn.slice(0, end));
      if (!candidates) continue;
      for (const id of candidates) {
        if (!(this.tests[id] as (arn: string) => boolean)(arn)) continue;
        ids.push(id);
        variable ||= this.variableIds.has(id);
      }
    }
    return { ids: ids.sort((a, b) => a - b), variable };
  }
}

function firstWildcard(text: string): number {
  const star = text.indexOf('*');
  const question = text.indexOf('?');
  if (star < 0) return question < 0 ? text.length : question;
  return question < 0 ? star : Math.min(star, question);
}

/** Small integer ids for objects by identity (policy documents), `-` for none. */
class IdentityIds {
  private readonly ids = new Map<unknown, number>();
  private readonly byText = new Map<string, number>();
  of(value: unknown): string {
    if (value === undefined) return '-';
    const known = this.ids.get(value);
    if (known !== undefined) return String(known);
    // Equal documents share an id, so roles with the same trust policy share a class.
    const text = JSON.stringify(value);
    const id = this.byText.get(text) ?? this.byText.size;
    this.byText.set(text, id);
    this.ids.set(value, id);
    return String(id);
  }
}

/** Whom each class's resource-based policies grant what. */
function grantsOf(classes: readonly ResourceClass[], catalog: Catalog): Grants {
  const actions = new Map<number, Set<string>>();
  const toAll = new Set<number>();
  const byAccount = new Map<string, Set<number>>();
  const byPrincipal = new Map<string, Set<number>>();
  const mentions = new Map<string, Set<number>>();
  const addTo = (map: Map<string, Set<number>>, key: string, id: number) => {
    const set = map.get(key);
    if (set) set.add(id);
    else map.set(key, new Set([id]));
  };
  for (const c of classes) {
    if (c.side.resourcePolicy === undefined) continue;
    const parsed = parsePolicy(c.side.resourcePolicy);
    if (!parsed.ok) continue;
    for (const s of parsed.value.statements) {
      for (const aws of s.principal?.aws ?? []) {
        const key = principalKeyOf(aws);
        if (key !== undefined) addTo(mentions, key, c.id);
      }
      if (s.effect !== 'Allow' || (!s.principal && !s.notPrincipal)) continue;
      const granted = actions.get(c.id) ?? new Set<string>();
      // NotAction in a resource policy: every action may be granted.
      const patterns = s.action ?? ['*'];
      for (const a of patterns.flatMap((p) => catalog.expandActionPattern(p))) granted.add(a.action);
      actions.set(c.id, granted);
      if (s.notPrincipal || s.principal?.wildcard) {
        toAll.add(c.id);
        continue;
      }
      for (const aws of s.principal?.aws ?? []) {
        if (/^\d{12}$/.test(aws)) addTo(byAccount, aws, c.id);
        else {
          const arn = parseArn(aws);
          if (!arn) continue;
          if (arn.service === 'iam' && arn.resource === 'root') addTo(byAccount, arn.account, c.id);
          else addTo(byPrincipal, principalKeyOf(aws) as string, c.id);
        }
      }
    }
  }
  return { actions, toAll, byAccount, byPrincipal, mentions };
}

/**
 * The key of a user, role or session ARN of a `Principal` in {@link Grants}: the ARN, or
 * `role-name:account:name` for a role session. Undefined for accounts and what is not an ARN.
 */
function principalKeyOf(aws: string): string | undefined {
  const arn = parseArn(aws);
  if (!arn || (arn.service === 'iam' && arn.resource === 'root')) return undefined;
  if (arn.service === 'sts' && arn.resource.startsWith('assumed-role/')) {
    return `role-name:${arn.account}:${arn.resource.split('/')[1] ?? ''}`;
  }
  return aws;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
