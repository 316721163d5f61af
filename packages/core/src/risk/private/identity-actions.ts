import type { ActionInfo } from '../../catalog/catalog.js';
import type { RequestContext } from '../../condition/context.js';
import type { UnknownsDecision } from '../../evaluate/decide-with-unknowns.js';
import { compileActionPatterns } from '../../match/action-pattern.js';
import { compileResourcePatterns, type ResourceMatcher } from '../../match/resource-pattern.js';
import { parsePolicy } from '../../policy/parse-policy.js';
import type { Finding } from '../finding.js';
import type { RiskContext } from '../risk-context.js';

const namedCache = perContext<ActionInfo[]>();
const documentCaches = new WeakMap<object, WeakMap<object, readonly ActionInfo[]>>();

/**
 * Every action one of the principal's identity-based Allow statements names (expanded), each once,
 * in no particular order.
 * Cached per principal, and per policy document (managed policies are shared by many principals).
 */
export function namedActions(context: RiskContext, principalArn: string): ActionInfo[] {
  const cache = namedCache(context);
  const known = cache.get(principalArn);
  if (known) return known;
  const side = context.principalSide(principalArn);
  const lists = (side?.identityPolicies ?? []).map(({ policy }) => documentActions(context, policy));
  // One policy (the common case) needs no merging; the catalog gives each action one object.
  const merged = lists.length === 1 ? [...(lists[0] as readonly ActionInfo[])] : [...new Set(lists.flat())];
  cache.set(principalArn, merged);
  return merged;
}

function documentActions(context: RiskContext, policy: unknown): readonly ActionInfo[] {
  const { catalog } = context.tools;
  let documentCache = documentCaches.get(catalog);
  if (!documentCache) {
    documentCache = new WeakMap();
    documentCaches.set(catalog, documentCache);
  }
  const key = typeof policy === 'object' && policy !== null ? policy : undefined;
  const known = key && documentCache.get(key);
  if (known) return known;
  const found = new Map<string, ActionInfo>();
  const parsed = parsePolicy(policy);
  if (parsed.ok) {
    for (const statement of parsed.value.statements) {
      if (statement.effect !== 'Allow') continue;
      if (statement.action) {
        for (const pattern of statement.action)
          for (const info of catalog.expandActionPattern(pattern)) found.set(info.action, info);
      } else {
        const excluded = new Set(
          (statement.notAction ?? []).flatMap((p) => catalog.expandActionPattern(p)).map((a) => a.action),
        );
        for (const info of catalog.expandActionPattern('*'))
          if (!excluded.has(info.action)) found.set(info.action, info);
      }
    }
  }
  const list = [...found.values()];
  if (key) documentCache.set(key, list);
  return list;
}

/** An action a principal can call on any resource of its type. */
export interface WildcardGrant {
  readonly action: string;
  readonly accessLevel: ActionInfo['accessLevel'];
  readonly conditional: boolean;
  readonly keys: readonly string[];
}

/**
 * Of `actions`, those the principal can call on *any* resource of their type in its own account:
 * each is decided by the engine, with every policy of the snapshot applied, on an ARN no policy
 * names (`arn:aws:s3:::accessloop-any-bucketname`), so only a grant on `*` (or on the whole
 * service's resources) allows it. Actions that accept only `*` as resource are left out: a
 * wildcard is the only way to grant them, not a careless one.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html#actions_table
 */
export function actionsOnAnyResource(
  context: RiskContext,
  principalArn: string,
  actions: readonly ActionInfo[],
): WildcardGrant[] {
  const decide = anyResourceDecider(context, principalArn);
  const grants: WildcardGrant[] = [];
  for (const info of actions) {
    const decision = decide?.(info);
    if (!decision) continue;
    grants.push({
      action: info.action,
      accessLevel: info.accessLevel,
      conditional: decision.outcome === 'Conditional',
      keys: decision.keys,
    });
  }
  return grants;
}

/**
 * Decides actions of the principal on any resource of their type (see
 * {@link actionsOnAnyResource}): undefined when denied, when the action takes only `*`, or when no
 * Allow statement of the principal could match. Undefined for a principal without an account.
 */
function anyResourceDecider(
  context: RiskContext,
  principalArn: string,
): ((info: ActionInfo) => UnknownsDecision | undefined) | undefined {
  const account = context.principalSide(principalArn)?.account;
  if (!account) return undefined;
  const decide = context.decider(principalArn, { outsideInventory: true });
  return (info) => {
    const resource = anyResourceArn(context, info, account);
    if (resource === undefined || !couldAllow(context, principalArn, info.action.toLowerCase(), resource))
      return undefined;
    const decision = decide(info.action, resource);
    return decision?.outcome === 'Denied' ? undefined : decision;
  };
}

const arnCache = perContext<string | undefined>();

/** The ARN no policy names for the action's (first required) resource type in `account`; cached. */
function anyResourceArn(context: RiskContext, info: ActionInfo, account: string): string | undefined {
  const type = info.resourceTypes.find((t) => t.required) ?? info.resourceTypes[0];
  if (!type) return undefined;
  const cache = arnCache(context);
  const key = `${info.service}\u0000${type.name}\u0000${account}`;
  if (!cache.has(key)) {
    const template = context.tools.resourceTypes
      .resourceTypesForService(info.service)
      .find((d) => d.type === type.name)?.arnTemplates[0];
    cache.set(key, template === undefined ? undefined : instantiate(template, account, usualRegion(context)));
  }
  return cache.get(key);
}

/** An ARN of the template that no policy names: every variable part is `accessloop-any-<name>`. */
function instantiate(template: string, account: string, region: string): string {
  return template.replace(/\$\{([A-Za-z0-9]+)\}/g, (_, name: string) => {
    if (name === 'Partition') return 'aws';
    if (name === 'Region') return region;
    if (name === 'Account') return account;
    return `accessloop-any-${name.toLowerCase()}`;
  });
}

const regions = new WeakMap<object, string>();

/** The region most resources of the snapshot are in (requests go where the resources are), else us-east-1. */
function usualRegion(context: RiskContext): string {
  const known = regions.get(context.snapshot);
  if (known) return known;
  const counts = new Map<string, number>();
  for (const account of context.snapshot.accounts)
    for (const r of account.resources) if (r.region) counts.set(r.region, (counts.get(r.region) ?? 0) + 1);
  const region = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'us-east-1';
  regions.set(context.snapshot, region);
  return region;
}

/** What a principal can do on any resource of one service, at one access level. */
export interface ServiceOnAnyResource {
  readonly service: string;
  /** Up to three actions allowed for certain, or (when none is) the conditional ones. */
  readonly examples: readonly string[];
  /** Whether no action of the service is allowed for certain. */
  readonly conditional: boolean;
}

const servicesCache = perContext<readonly ServiceOnAnyResource[]>();

/**
 * The services in which the principal can call actions of `level` on any resource of their type
 * ({@link actionsOnAnyResource}), sorted. Per service the actions are decided in order until three
 * are allowed for certain, so an administrator costs a few decisions per service, not one per
 * action. Cached per principal and level. Service-linked roles have none: only their service
 * assumes them and AWS owns their policies.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
 */
export function wildcardServices(
  context: RiskContext,
  principalArn: string,
  level: 'Write' | 'Permissions management',
): readonly ServiceOnAnyResource[] {
  const cache = servicesCache(context);
  const key = `${level}\u0000${principalArn}`;
  const known = cache.get(key);
  if (known) return known;
  const result: ServiceOnAnyResource[] = [];
  const decide = isServiceLinkedRole(principalArn) ? undefined : anyResourceDecider(context, principalArn);
  if (decide) {
    const byService = scopableByService(context, principalArn).get(level) ?? new Map<string, ActionInfo[]>();
    for (const [service, actions] of [...byService].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const certain: string[] = [];
      const conditional: string[] = [];
      for (const info of actions) {
        const decision = decide(info);
        if (!decision) continue;
        if (decision.outcome === 'Allowed') {
          certain.push(info.action);
          if (certain.length === 3) break;
        } else if (conditional.length < 3) conditional.push(info.action);
      }
      if (certain.length > 0) result.push({ service, examples: certain, conditional: false });
      else if (conditional.length > 0) result.push({ service, examples: conditional, conditional: true });
    }
  }
  cache.set(key, result);
  return result;
}

/** What an identity-based Allow statement could allow: its actions and its resources, compiled. */
interface AllowFilter {
  readonly actions: (actionLower: string) => boolean;
  readonly resource?: ResourceMatcher;
  readonly notResource?: ResourceMatcher;
}

const filterCaches = perContext<readonly AllowFilter[]>();
const noContext: RequestContext = new Map();

/**
 * Whether some identity-based Allow statement of the principal names the action on the resource:
 * a necessary condition of an Allow for a resource outside the inventory (no resource policy can
 * grant it), so the engine need not decide the pairs that fail it. Values with policy variables
 * count as matching.
 */
function couldAllow(
  context: RiskContext,
  principalArn: string,
  actionLower: string,
  resource: string,
): boolean {
  const cache = filterCaches(context);
  let filters = cache.get(principalArn);
  if (!filters) {
    const list: AllowFilter[] = [];
    for (const { policy } of context.principalSide(principalArn)?.identityPolicies ?? []) {
      const parsed = parsePolicy(policy);
      if (!parsed.ok) continue;
      for (const st of parsed.value.statements) {
        if (st.effect !== 'Allow') continue;
        const named = compileActionPatterns(st.action ?? st.notAction ?? []);
        list.push({
          actions: st.action ? named : (a) => !named(a),
          ...(st.resource ? { resource: compileResourcePatterns(st.resource, parsed.value.version) } : {}),
          ...(st.notResource
            ? { notResource: compileResourcePatterns(st.notResource, parsed.value.version) }
            : {}),
        });
      }
    }
    filters = list;
    cache.set(principalArn, filters);
  }
  return filters.some(
    (f) =>
      f.actions(actionLower) &&
      (f.resource
        ? f.resource.keys.length > 0 || f.resource.test(resource, noContext)
        : f.notResource
          ? f.notResource.keys.length > 0 || !f.notResource.test(resource, noContext)
          : true),
  );
}

const scopableCache = perContext<Map<string, Map<string, ActionInfo[]>>>();

/** The principal's named actions that take a resource, by access level and service; cached. */
function scopableByService(
  context: RiskContext,
  principalArn: string,
): Map<string, Map<string, ActionInfo[]>> {
  const cache = scopableCache(context);
  let byLevel = cache.get(principalArn);
  if (!byLevel) {
    byLevel = new Map();
    for (const info of namedActions(context, principalArn)) {
      if (info.resourceTypes.length === 0) continue;
      let byService = byLevel.get(info.accessLevel);
      if (!byService) {
        byService = new Map();
        byLevel.set(info.accessLevel, byService);
      }
      const list = byService.get(info.service);
      if (list) list.push(info);
      else byService.set(info.service, [info]);
    }
    // Deterministic examples whatever order the policies named the actions in.
    for (const byService of byLevel.values())
      for (const list of byService.values())
        list.sort((a, b) => (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
    cache.set(principalArn, byLevel);
  }
  return byLevel;
}

/** A map per risk context (one analysis), made on first use: caches live as long as the analysis. */
function perContext<V>(): (context: RiskContext) => Map<string, V> {
  const maps = new WeakMap<RiskContext, Map<string, V>>();
  return (context) => {
    let map = maps.get(context);
    if (!map) {
      map = new Map();
      maps.set(context, map);
    }
    return map;
  };
}

/** Whether a principal ARN is a service-linked role. */
export function isServiceLinkedRole(principalArn: string): boolean {
  return /:role\/aws-service-role\//.test(principalArn);
}

/** One finding per principal of the snapshot (service-linked roles left out), as `check` says. */
export function findingsPerPrincipal(
  context: RiskContext,
  check: (principal: string) => Finding | undefined,
): Finding[] {
  const findings: Finding[] = [];
  for (const principal of context.principals) {
    if (isServiceLinkedRole(principal)) continue;
    const finding = check(principal);
    if (finding) findings.push(finding);
  }
  return findings;
}
