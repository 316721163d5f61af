import type { ActionInfo } from '../../catalog/catalog.js';
import { parsePolicy } from '../../policy/parse-policy.js';
import type { Finding } from '../finding.js';
import type { RiskContext } from '../risk-context.js';

/** Every action one of the principal's identity-based Allow statements names (expanded), sorted. */
export function namedActions(context: RiskContext, principalArn: string): ActionInfo[] {
  const side = context.principalSide(principalArn);
  if (!side) return [];
  const { catalog } = context.tools;
  const named = new Map<string, ActionInfo>();
  for (const { policy } of side.identityPolicies) {
    const parsed = parsePolicy(policy);
    if (!parsed.ok) continue;
    for (const statement of parsed.value.statements) {
      if (statement.effect !== 'Allow') continue;
      if (statement.action) {
        for (const pattern of statement.action)
          for (const info of catalog.expandActionPattern(pattern)) named.set(info.action, info);
      } else {
        const excluded = new Set(
          (statement.notAction ?? []).flatMap((p) => catalog.expandActionPattern(p)).map((a) => a.action),
        );
        for (const info of catalog.expandActionPattern('*'))
          if (!excluded.has(info.action)) named.set(info.action, info);
      }
    }
  }
  return [...named.values()].sort((a, b) => (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
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
  const side = context.principalSide(principalArn);
  if (!side?.account) return [];
  const region = usualRegion(context);
  const pairs: { action: string; resource: string; info: ActionInfo }[] = [];
  for (const info of actions) {
    const type = info.resourceTypes.find((t) => t.required) ?? info.resourceTypes[0];
    if (!type) continue;
    const definition = context.tools.resourceTypes
      .resourceTypesForService(info.service)
      .find((d) => d.type === type.name);
    const template = definition?.arnTemplates[0];
    if (!template) continue;
    pairs.push({ action: info.action, resource: instantiate(template, side.account, region), info });
  }
  const decisions = context.decideAll(principalArn, pairs, { outsideInventory: true });
  const grants: WildcardGrant[] = [];
  for (const [i, { info }] of pairs.entries()) {
    const decision = decisions[i];
    if (!decision || decision.outcome === 'Denied') continue;
    grants.push({
      action: info.action,
      accessLevel: info.accessLevel,
      conditional: decision.outcome === 'Conditional',
      keys: decision.keys,
    });
  }
  return grants;
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

const writeCache = new WeakMap<RiskContext, Map<string, readonly WildcardGrant[]>>();

/**
 * The `Write` and `Permissions management` actions the principal can call on any resource
 * ({@link actionsOnAnyResource}), computed once per principal and shared by the rules that read
 * them. Service-linked roles have none: only their service assumes them and AWS owns their policy.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
 */
export function wildcardWrites(context: RiskContext, principalArn: string): readonly WildcardGrant[] {
  let cache = writeCache.get(context);
  if (!cache) {
    cache = new Map();
    writeCache.set(context, cache);
  }
  let grants = cache.get(principalArn);
  if (!grants) {
    const serviceLinked = isServiceLinkedRole(principalArn);
    grants = serviceLinked
      ? []
      : actionsOnAnyResource(
          context,
          principalArn,
          namedActions(context, principalArn).filter(
            (a) => a.accessLevel === 'Write' || a.accessLevel === 'Permissions management',
          ),
        );
    cache.set(principalArn, grants);
  }
  return grants;
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
