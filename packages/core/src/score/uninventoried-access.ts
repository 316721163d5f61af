import { accessIndexOf, type StatementFilter } from '../access/access-index.js';
import {
  type AccessGrant,
  accessFromParts,
  compareGrants,
  effectiveAccessOf,
  isAllow,
  type PrincipalAccess,
  profileOf,
  type ServiceAccess,
  sharingOf,
} from '../access/access-of.js';
import { type ResourceSide, requestFor, resourceSideOf } from '../access/simulate-input-for.js';
import type { WhoCanTools } from '../access/who-can.js';
import type { ActionInfo } from '../catalog/catalog.js';
import { compileArnPattern } from '../condition/arn.js';
import type { RequestContext } from '../condition/context.js';
import { type Diagnostic, fail, ok, type Result } from '../diagnostics/diagnostic.js';
import { actionIdOf } from '../evaluate/action-ids.js';
import { decideWithUnknowns } from '../evaluate/decide-with-unknowns.js';
import type { PolicySet } from '../evaluate/evaluate-request.js';
import { statementSignature } from '../evaluate/statement-signature.js';
import { parsePolicy } from '../policy/parse-policy.js';
import type { Statement } from '../policy/types.js';
import { filterSame } from '../private/filter-same.js';
import { memoByPair } from '../private/memo-by-pair.js';
import type { Snapshot } from '../snapshot/model.js';

/** The region of a placeholder ARN when the account's inventory has no regional resource. */
const FALLBACK_REGION = 'us-east-1';

/**
 * The score's floor for what the inventory cannot show: the actions a principal is allowed that
 * act on resource types of which the snapshot has no resource (EC2 volumes when `resources.json`
 * lists none, say). Effective access (`effectiveAccessOf`) resolves resources against the
 * inventory, so these actions have no pair there; here each counts as one resource, a
 * placeholder ARN made from the type's ARN template: the principal's partition and account, the
 * region most of the account's inventory is in (`us-east-1` without one), and `*` for the rest
 * (`arn:aws:ec2:eu-west-1:111122223333:volume/*`). The placeholder is decided by the same engine
 * with every policy of the snapshot (a statement naming only specific resources of the type does
 * not match it, so it is not counted). Only actions none of whose resource types is in the
 * inventory are counted: the others have their pairs in effective access already. The grants
 * never overlap effective access (the placeholders are not inventory ARNs), so a caller adds them
 * to the principal's grants before scoring.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html#resources_table
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function uninventoriedAccessOf(
  snapshot: Snapshot,
  tools: WhoCanTools,
  principalArn: string,
): Result<PrincipalAccess> {
  const index = accessIndexOf(snapshot, tools);
  const principal = index.principalSide(principalArn);
  if (!principal.ok) return principal;
  const { catalog } = tools;
  const placeholderIndexed = placeholderIndex(snapshot, tools);
  const side = principal.value;
  const account = side.account ?? '';
  const placeholders = placeholderIndexed.of(account);

  // The principal's statements (identity, boundary, SCPs), by service.
  const own = index.ownStatementsOf(side);
  if (own.unparsed) {
    const failed = parsePolicy(own.unparsed.document);
    if (!failed.ok) return fail(failed.diagnostics);
  }

  const diagnostics: Diagnostic[] = [];
  // One compiler for the snapshot, shared with effective access: each document compiled once.
  const policySets = index.policySets;
  const options = { supportsRcp: (service: string) => catalog.supportsRcp(service) };
  const sides = new Map<string, { side: ResourceSide; set: PolicySet } | null>();
  const outcomes = new Map<string, string | null>();
  // Actions with the same statements answer the same for one placeholder.
  const resourceAnswers = new Map<string, string>();
  let neutralService = true;
  const { prefix, answered } = sharingOf(snapshot, index, principalArn, side);
  const prefixId = index.textId(prefix);
  // The floor of one service: its actions the principal's Allow statements name, decided on
  // their placeholders.
  const floorOf = (
    service: string,
    allows: readonly Statement[],
    statements: readonly Statement[],
  ): AccessGrant[] | undefined => {
    // The candidate actions by placeholder; actions that the same statements name are decided
    // together (they match the same statements of the same placeholder).
    let candidates: ReadonlyMap<string, Iterable<string>>;
    if (allows.length === 1) candidates = placeholders.candidatesOf(allows[0] as Statement, service);
    else {
      const merged = new Map<string, Set<string>>();
      for (const s of allows) {
        for (const [arn, actions] of placeholders.candidatesOf(s, service)) {
          const set = merged.get(arn);
          if (set) for (const action of actions) set.add(action);
          else merged.set(arn, new Set(actions));
        }
      }
      candidates = merged;
    }
    // Per placeholder and outcome ('' certain, else the unknown keys), the actions.
    const reached = new Map<string, string[]>();
    for (const [arn, actions] of candidates) {
      // Placeholders differ from each other only in the region (which decides aws:RequestedRegion)
      // and in which Resource patterns match them: one policy set per region and service.
      const sideKey = `${placeholders.regionOf(arn)}\u0000${service}`;
      let prepared = sides.get(sideKey);
      for (const group of index.groupActions(actions, statements)) {
        const action = group[0] as string;
        const lower = action.toLowerCase();
        if (prepared === undefined) {
          const resourceSide = placeholders.sideOf(sideKey, () =>
            resourceSideOf(snapshot, arn, action, side.account),
          );
          const set = policySets(side, resourceSide, diagnostics);
          prepared = set ? { side: resourceSide, set } : null;
          sides.set(sideKey, prepared);
        }
        if (prepared === null) return undefined;
        const neutral = index.isNeutral(action, statements, true, answered);
        neutralService &&= neutral;
        const actionId = actionIdOf(lower);
        const signature = `${sideKey}\u0000${statementSignature(prepared.set, actionId, lower)}`;
        const matchKey = `${signature}\u0000${arn}`;
        let matches = resourceAnswers.get(matchKey);
        if (matches === undefined) {
          matches = resourceMatches(prepared.set, actionId, lower, arn);
          resourceAnswers.set(matchKey, matches);
        }
        const classKey = `${signature}\u0000${matches}`;
        const memo = neutral ? placeholderIndexed.outcomes : outcomes;
        const memoKey = neutral ? `${prefixId},${index.textId(classKey)}` : classKey;
        let outcome = memo.get(memoKey);
        if (outcome === undefined) {
          const request = requestFor(snapshot, principalArn, side, action, arn, prepared.side);
          if (!request.ok) {
            diagnostics.push(...request.diagnostics);
            return undefined;
          }
          const decision = decideWithUnknowns(prepared.set, request.value, options);
          outcome =
            decision.outcome === 'Denied'
              ? null
              : decision.outcome === 'Conditional'
                ? decision.keys.join(',')
                : '';
          memo.set(memoKey, outcome);
        }
        if (outcome === null) continue;
        const key = `${arn}\u0000${outcome}`;
        const list = reached.get(key);
        if (list) list.push(...group);
        else reached.set(key, [...group]);
      }
    }
    return [...reached.entries()].map(([key, actions]): AccessGrant => {
      const [arn, keys] = key.split('\u0000') as [string, string];
      return {
        actions: actions.sort(),
        resources: [arn],
        conditional: keys !== '',
        conditionKeys: keys === '' ? [] : keys.split(','),
      };
    });
  };

  // Principals whose statements of a service say the same share its floor, when nothing
  // that decides it reads who they are (see effectiveAccessOf). Statements that never apply to a
  // placeholder are left out (an inline policy naming one bucket, or only actions that take no
  // resource, does not make a principal's floor its own).
  const parts: ServiceAccess[] = [];
  const rcpsByService = index.byService(index.starStatements(side.account));
  // The services only broad statements name are decided by the principal's profile (see
  // effectiveAccessOf): looked up by it.
  const profiled = profileOf<ServiceAccess>(placeholderIndexed.profiles, `${prefix}${own.profile}`);
  for (const service of own.allowServices) {
    const byProfile = !own.narrowServices.has(service);
    if (byProfile) {
      const known = profiled.get(service);
      if (known !== undefined) {
        if (known) parts.push(known);
        continue;
      }
    }
    const lists = own.statementsFor(service, placeholders.mayApply);
    const identity = lists.identity;
    const boundary = lists.boundary;
    // A boundary that allows nothing here denies every placeholder (no resource-based policy
    // holds one), as in effective access.
    if (!identity.some(isAllow) || (own.bounded && !boundary.some(isAllow))) {
      if (byProfile) profiled.set(service, null);
      continue;
    }
    const rcps = rcpsByService.get(service);
    const restrictive = rcps
      ? [...lists.scp, ...filterSame(rcps, (s) => placeholders.mayApply(s, service))]
      : lists.scp;
    // Identity and boundary statements by content: the floor names no policy (no `via`).
    const key = `${prefix}${service}|${identityKeyOf(identity, service, index.contentKey)}/${index.contentKey(boundary)}/${index.statementsKey(restrictive)}`;
    let part = placeholderIndexed.shared.get(key);
    let sharable = true;
    if (!part) {
      neutralService = true;
      const floor = floorOf(service, identity.filter(isAllow), [...boundary, ...restrictive, ...identity]);
      if (!floor) return fail(diagnostics);
      part = { service, grants: floor.sort(compareGrants) };
      sharable = neutralService && !identity.some(index.isOwnInline);
      if (sharable) placeholderIndexed.shared.set(key, part);
    }
    if (byProfile && sharable) profiled.set(service, part);
    parts.push(part);
  }
  if (diagnostics.length > 0) return fail(diagnostics);
  return ok(accessFromParts(principalArn, parts));
}

const noContext: RequestContext = new Map();

/**
 * What decides a service's floor of a principal's identity statements, as a key: their content,
 * or, when one of them allows every action of the service on every resource without a condition
 * (AdministratorAccess's `Action: "*"`, PowerUserAccess's `NotAction` of other services, `ec2:*`
 * on `*`), only that and their Deny statements. Identity policies allow a request when any of
 * their Allow statements matches (and none denies), so that statement allows every request on
 * the service's placeholders and names every action of the service, whatever the other Allow
 * statements say: principals with such a statement, the same Deny statements, boundary and SCPs
 * have the same floor (an administrator's and a power user's EC2 floor is one).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html#policy-eval-denyallow
 */
function identityKeyOf(
  identity: readonly Statement[],
  service: string,
  contentKey: (statements: readonly Statement[]) => string,
): string {
  if (!identity.some((s) => allowsEveryRequestOf(s, service))) return contentKey(identity);
  return `*${contentKey(identity.filter((s) => s.effect === 'Deny'))}`;
}

/**
 * Whether a statement allows every action of a service on every resource, without a condition:
 * its `Action` has `*` or `service:*`, or its `NotAction` names only actions of other services
 * (a pattern's service prefix holds no wildcard: `parsePolicy` rejects one).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
 */
function allowsEveryRequestOf(statement: Statement, service: string): boolean {
  if (statement.effect !== 'Allow' || statement.conditions.length > 0) return false;
  if (!statement.resource?.includes('*')) return false;
  if (statement.action) return statement.action.some((a) => a === '*' || a.toLowerCase() === `${service}:*`);
  return (statement.notAction ?? []).every((a) => {
    const colon = a.indexOf(':');
    const prefix = a.slice(0, colon);
    return colon > 0 && prefix.toLowerCase() !== service;
  });
}

/**
 * Which `Resource`/`NotResource` patterns of the statements that name the action match the
 * placeholder, as a string of 0s and 1s: two placeholders with the same answers (and the same
 * region and statements) get the same decision. A pattern with policy variables depends on the
 * request, so the placeholder itself is the answer.
 */
function resourceMatches(set: PolicySet, actionId: number, actionLower: string, arn: string): string {
  let bits = '';
  const policies = [
    ...set.identity,
    ...set.boundaries,
    ...(set.session ? [set.session] : []),
    ...(set.resource ? [set.resource] : []),
    ...(set.scps ?? []).flatMap((level) => level.policies),
    ...(set.rcps ?? []).flatMap((level) => level.policies),
  ];
  for (const policy of policies) {
    for (const statement of policy.statementsFor(actionId, actionLower)) {
      if (!statement.resource) continue;
      if (statement.resource.keys.length > 0) return arn;
      bits += statement.resource.test(arn, noContext) ? '1' : '0';
    }
  }
  return bits;
}

/**
 * Whether a resource of a grant is a placeholder of {@link uninventoriedAccessOf} (it stands for a
 * resource type the inventory has none of): it holds `*` and is neither `*` (actions without a
 * resource) nor objects of a named bucket (`arn:aws:s3:::bucket/*`, `arn:aws:s3:::bucket/orders/*`;
 * bucket names cannot hold `*`).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function isPlaceholderResource(resource: string): boolean {
  return resource !== '*' && resource.includes('*') && !isBucketObjects(resource);
}

/** Whether a resource is objects of a named bucket: `arn:aws:s3:::bucket/*` or a key prefix `bucket/orders/*`. */
export function isBucketObjects(resource: string): boolean {
  return /^arn:[^:]+:s3:::[^*/]+\/.*\*$/.test(resource);
}

interface PlaceholderIndex {
  /** Floors of one service shared between principals, by a key the caller builds. */
  readonly shared: Map<string, ServiceAccess>;
  /** Outcomes shared between principals, by a key the caller builds (null: denied). */
  readonly outcomes: Map<string, string | null>;
  /** Per sharing prefix and profile, each service's shared floor (null: none), as in effective access. */
  readonly profiles: Map<string, Map<string, unknown>>;
  /** The placeholders of one account's principals, made once per account. */
  of(account: string): AccountPlaceholders;
}

/** The placeholders of one account's principals (see {@link uninventoriedAccessOf}). */
interface AccountPlaceholders {
  /**
   * The resource side of placeholders by region and service, made once (`make`): it holds no
   * resource-based policy, and its account's RCPs and context keys follow from those alone. One
   * object, so its policies are compiled once for every principal.
   */
  sideOf(key: string, make: () => ResourceSide): ResourceSide;
  /** The placeholders of the actions of a service a statement names, with their actions (each once). */
  candidatesOf(statement: Statement, service: string): ReadonlyMap<string, readonly string[]>;
  /** The region of a placeholder ARN (empty for a global type). */
  regionOf(arn: string): string;
  /**
   * Whether a statement may apply to the placeholder of one of the service's actions it names:
   * it names an action with a placeholder, and has no `Resource` (so `NotResource`) or a
   * `Resource` pattern that is `*`, holds a policy variable, or matches the placeholder of one of
   * those actions. A statement applies to a request only when its action and resource match, so
   * the others cannot change a placeholder's decision.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
   */
  readonly mayApply: StatementFilter;
}

const indexes = new WeakMap<Snapshot, PlaceholderIndex>();

/** The inventory's resource types and each account's partition and main region, once per snapshot. */
function placeholderIndex(snapshot: Snapshot, tools: WhoCanTools): PlaceholderIndex {
  const known = indexes.get(snapshot);
  if (known) return known;
  const { resourceTypes } = tools;
  const present = new Set<string>();
  const regions = new Map<string, { partition: string; region: string }>();
  for (const account of snapshot.accounts) {
    const counts = new Map<string, number>();
    const arns: string[] = [];
    for (const r of account.resources) {
      arns.push(r.arn);
      if (r.type === 'AWS::S3::Bucket') arns.push(`${r.arn}/*`);
      if (r.region !== '') counts.set(r.region, (counts.get(r.region) ?? 0) + 1);
    }
    for (const e of [...account.users, ...account.roles, ...account.groups]) arns.push(e.arn);
    for (const p of account.managedPolicies) if (!p.awsManaged) arns.push(p.arn);
    for (const arn of arns)
      for (const t of resourceTypes.resourceTypesOf(arn)) present.add(`${t.service}\u0000${t.type}`);
    const region = [...counts.entries()].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))[0]?.[0];
    regions.set(account.id, { partition: account.partition, region: region ?? FALLBACK_REGION });
  }
  const templates = new Map<string, string | undefined>();
  const templateOf = (service: string, type: string) => {
    const key = `${service}\u0000${type}`;
    if (!templates.has(key)) {
      const definition = resourceTypes.resourceTypesForService(service).find((d) => d.type === type);
      templates.set(key, definition?.arnTemplates[0]);
    }
    return templates.get(key);
  };
  // The resource type of an action's placeholder, or undefined when one of its types is in the
  // inventory (its pairs are effective access's) or it takes no resource.
  const placeholderTypeOf = (info: ActionInfo): string | undefined =>
    info.resourceTypes.some((t) => present.has(`${info.service}\u0000${t.name}`))
      ? undefined
      : (info.resourceTypes.find((t) => t.required) ?? info.resourceTypes[0])?.name;
  const accessIndex = accessIndexOf(snapshot, tools);
  const accounts = new Map<string, AccountPlaceholders>();
  const accountOf = (account: string): AccountPlaceholders => {
    const where = regions.get(account) ?? { partition: 'aws', region: FALLBACK_REGION };
    const fill = (_: string, name: string) =>
      name === 'Partition'
        ? where.partition
        : name === 'Region'
          ? where.region
          : name === 'Account'
            ? account
            : '*';
    // By type, then by action (each action's placeholder found once).
    const arns = new Map<string, string | undefined>();
    const arnsOfActions = new Map<ActionInfo, string | undefined>();
    const arnFor = (info: ActionInfo): string | undefined => {
      if (arnsOfActions.has(info)) return arnsOfActions.get(info);
      const type = placeholderTypeOf(info);
      let arn: string | undefined;
      if (type !== undefined) {
        const key = `${info.service}\u0000${type}`;
        if (!arns.has(key))
          arns.set(key, templateOf(info.service, type)?.replace(/\$\{([A-Za-z]+)\}/g, fill));
        arn = arns.get(key);
      }
      arnsOfActions.set(info, arn);
      return arn;
    };
    const sides = new Map<string, ResourceSide>();
    const arnRegions = new Map<string, string>();
    const candidates = memoByPair((statement: Statement, service: string) => {
      const found = new Map<string, string[]>();
      for (const info of accessIndex.actionsIn(statement, service)) {
        const arn = arnFor(info);
        if (arn === undefined) continue;
        const list = found.get(arn);
        if (list) list.push(info.action);
        else found.set(arn, [info.action]);
      }
      return found;
    });
    const applies = memoByPair((statement: Statement, service: string): boolean => {
      const arns = [...candidates(statement, service).keys()];
      if (arns.length === 0) return false;
      if (onAnyResource(statement)) return true;
      // Patterns are compiled once per text (compileArnPattern keeps them).
      return (statement.resource ?? []).some((text) => arns.some(compileArnPattern(text)));
    });
    return {
      sideOf(key, make) {
        let found = sides.get(key);
        if (!found) {
          found = make();
          sides.set(key, found);
        }
        return found;
      },
      candidatesOf: candidates,
      regionOf(arn) {
        let region = arnRegions.get(arn);
        if (region === undefined) {
          region = arn.split(':')[3] ?? '';
          arnRegions.set(arn, region);
        }
        return region;
      },
      mayApply: (statement, service) => {
        // Statements of managed policies and SCPs on any resource serve many principals: kept
        // without looking (their actions may be the whole catalog), as leaving them out shares little.
        if (onAnyResource(statement) && !accessIndex.isOwnInline(statement)) return true;
        return applies(statement, service);
      },
    };
  };
  const index: PlaceholderIndex = {
    shared: new Map(),
    outcomes: new Map(),
    profiles: new Map(),
    of(account) {
      let found = accounts.get(account);
      if (!found) {
        found = accountOf(account);
        accounts.set(account, found);
      }
      return found;
    },
  };
  indexes.set(snapshot, index);
  return index;
}

/** Whether a statement may match any resource: no `Resource` (so `NotResource`), `*`, or a policy variable. */
function onAnyResource(statement: Statement): boolean {
  const resources = statement.resource;
  return !resources || resources.some((text) => text === '*' || text.includes('${'));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What the score counts for a principal: its effective access (given when the caller has it
 * already, as the scan does; computed otherwise) plus the floor of {@link uninventoriedAccessOf}.
 * A service's effective part and floor are combined into one part, unless `combine` is false:
 * then they stay side by side, which the points add up over (`scoreOf`) but contributions would
 * list twice, and no combined part is made or kept.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function scoringAccessOf(
  snapshot: Snapshot,
  tools: WhoCanTools,
  principalArn: string,
  effective?: PrincipalAccess,
  { combine = true }: { readonly combine?: boolean } = {},
): Result<PrincipalAccess> {
  const access = effective ? ok(effective) : effectiveAccessOf(snapshot, tools, principalArn);
  if (!access.ok) return access;
  const floor = uninventoriedAccessOf(snapshot, tools, principalArn);
  if (!floor.ok) return floor;
  const computed = access.value;
  const effectiveParts = computed.services;
  const both = (services?: readonly ServiceAccess[]): PrincipalAccess => {
    let grants: readonly AccessGrant[] | undefined;
    return {
      principal: principalArn,
      // Put together when first read: scoring reads the parts.
      get grants() {
        grants ??= [...computed.grants, ...floor.value.grants];
        return grants;
      },
      ...(services ? { services } : {}),
    };
  };
  if (!effectiveParts) return ok(both());
  if (!combine) return ok(both([...effectiveParts, ...(floor.value.services ?? [])]));
  // By service: each service's effective part and floor, combined once per pair of parts (both
  // are shared between principals), so what scoring derives from a part is computed once.
  const floors = new Map((floor.value.services ?? []).map((p) => [p.service, p]));
  const services: ServiceAccess[] = [];
  for (const part of effectiveParts) {
    const other = floors.get(part.service);
    floors.delete(part.service);
    services.push(other ? combined(part, other) : part);
  }
  services.push(...floors.values());
  return ok(both(services));
}

/** Two parts of one service as one (their grants never overlap), the same object for the same two. */
const combined = memoByPair(
  (a: ServiceAccess, b: ServiceAccess): ServiceAccess => ({
    service: a.service,
    grants: [...a.grants, ...b.grants],
  }),
);
