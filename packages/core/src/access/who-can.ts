import { type Capability, sortCapabilities } from '../capability/capability.js';
import { capabilitiesFor } from '../capability/capability-map.js';
import type { Catalog } from '../catalog/catalog.js';
import type { ResourceTypeIndex } from '../catalog/resource-types.js';
import { type Diagnostic, error, fail, ok, type Result } from '../diagnostics/diagnostic.js';
import { actionIdOf } from '../evaluate/action-ids.js';
import { decideWithUnknowns, type UnknownsDecision } from '../evaluate/decide-with-unknowns.js';
import type { PolicySet } from '../evaluate/evaluate-request.js';
import { statementSignature } from '../evaluate/statement-signature.js';
import type { Reason } from '../evaluate/types.js';
import { parseArn } from '../match/arn.js';
import { parsePolicy } from '../policy/parse-policy.js';
import type { Snapshot } from '../snapshot/model.js';
import { policySetsOf } from './policy-sets.js';
import { principalSideOf, type ResourceSide, requestFor, resourceSideOf } from './simulate-input-for.js';

/** One principal that can reach the resource (SPEC §3 `who-can --format json`). */
export interface WhoCanPrincipal {
  readonly arn: string;
  readonly capabilities: readonly Capability[];
  /** The actions it can call on the resource, sorted. */
  readonly actions: readonly string[];
  /** Whether some of that access depends on conditions the snapshot cannot decide. */
  readonly conditional: boolean;
  /** The context keys those conditions read, sorted. */
  readonly conditionKeys: readonly string[];
  /** The statements that grant the access, each once. */
  readonly via: readonly Reason[];
  /** Whether the principal is outside the resource's account: another account, a service or the public. */
  readonly external: boolean;
}

/** Who can reach one resource. */
export interface WhoCanResult {
  readonly resource: string;
  readonly principals: readonly WhoCanPrincipal[];
}

/** What `whoCan` needs besides the snapshot. */
export interface WhoCanTools {
  readonly catalog: Catalog;
  readonly resourceTypes: ResourceTypeIndex;
}

/** What {@link whoCan} looks at: one action, the actions of one capability, only outsiders. */
export interface WhoCanFilter {
  readonly action?: string;
  readonly capability?: Capability;
  /**
   * Only the principals from outside the snapshot that the resource's policy names (other
   * accounts, the public, services), not its users and roles: for callers that have those from
   * effective access already, as the scan does.
   */
  readonly outsidersOnly?: boolean;
}

/**
 * The principals that can call actions on one resource, with every policy of the snapshot applied
 * exactly (`evaluateRequest` through {@link decideWithUnknowns}): every user and role of the
 * snapshot's accounts, and whoever the resource's own policy names from outside (another account,
 * evaluated as that account; `*`, evaluated as an anonymous caller; a service principal).
 * Access that depends on context the snapshot cannot know is reported as conditional with its keys.
 *
 * The actions are those the service catalog authorises against the resource's type (or the one
 * asked for, or those with the capability asked for).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function whoCan(
  snapshot: Snapshot,
  tools: WhoCanTools,
  resourceArn: string,
  filter: WhoCanFilter = {},
): Result<WhoCanResult> {
  const arn = parseArn(resourceArn);
  if (!arn) return fail([error('request.malformed-arn', 'resource', `\`${resourceArn}\` is not an ARN`)]);
  let actions = tools.resourceTypes.actionsForArn(resourceArn).map((a) => a.action);
  if (filter.action !== undefined) {
    const info = tools.catalog.findAction(filter.action);
    if (!info) {
      return fail([
        error(
          'request.unknown-action',
          'action',
          `\`${filter.action}\` is not an action of the AWS service catalog`,
        ),
      ]);
    }
    actions = [info.action];
  }
  if (filter.capability !== undefined) {
    const wanted = filter.capability;
    actions = actions.filter((action) => capabilitiesFor(action).includes(wanted));
  }

  const policySet = policySetsOf(snapshot);
  const options = { supportsRcp: (service: string) => tools.catalog.supportsRcp(service) };
  const resourceSides = new Map<string, ResourceSide>();
  const resourceSide = (action: string, account: string | undefined) => {
    const service = action.slice(0, action.indexOf(':'));
    const key = `${service}\u0000${account ?? ''}`;
    let side = resourceSides.get(key);
    if (!side) {
      side = resourceSideOf(snapshot, resourceArn, action, account);
      resourceSides.set(key, side);
    }
    return side;
  };

  const diagnostics: Diagnostic[] = [];
  const entries: WhoCanPrincipal[] = [];
  const [firstAction] = actions;
  // No action of the catalog applies to this resource (or passes the filter): nobody can.
  if (firstAction === undefined) return ok({ resource: resourceArn, principals: [] });
  const outsidersOnly = filter.outsidersOnly === true;
  for (const principalArn of candidatePrincipals(
    snapshot,
    resourceSide(firstAction, undefined),
    outsidersOnly,
  )) {
    const principal = principalSideOf(snapshot, principalArn);
    if (!principal.ok) {
      diagnostics.push(...principal.diagnostics);
      continue;
    }
    const granted: string[] = [];
    const keys = new Set<string>();
    const via = new Map<string, Reason>();
    let conditional = false;
    let resourceAccount: string | undefined;
    // Per service one policy set; per class of actions matching the same statements one decision.
    const sets = new Map<string, PolicySet | undefined>();
    const decisions = new Map<string, UnknownsDecision | undefined>();
    for (const action of actions) {
      const side = resourceSide(action, principal.value.account);
      resourceAccount ??= side.resourceAccount;
      const actionLower = action.toLowerCase();
      const service = actionLower.slice(0, actionLower.indexOf(':'));
      if (!sets.has(service)) sets.set(service, policySet(principal.value, side, diagnostics));
      const set = sets.get(service);
      if (!set) continue;
      const classKey = statementSignature(set, actionIdOf(actionLower), actionLower);
      if (!decisions.has(classKey)) {
        const request = requestFor(snapshot, principalArn, principal.value, action, resourceArn, side);
        if (!request.ok) diagnostics.push(...request.diagnostics);
        decisions.set(classKey, request.ok ? decideWithUnknowns(set, request.value, options) : undefined);
      }
      const decision = decisions.get(classKey);
      if (!decision || decision.outcome === 'Denied') continue;
      granted.push(action);
      if (decision.outcome === 'Conditional') {
        conditional = true;
        for (const key of decision.keys) keys.add(key);
      }
      for (const reason of decision.result.reasons) {
        if (reason.policyType !== 'scp')
          via.set(`${reason.policyType}\u0000${reason.policy}\u0000${reason.statement}`, reason);
      }
    }
    if (diagnostics.length > 0) break;
    if (granted.length === 0) continue;
    const account = principal.value.account;
    entries.push({
      arn: principalArn,
      capabilities: sortCapabilities([...new Set(granted.flatMap((a) => capabilitiesFor(a)))]),
      actions: granted.sort(),
      conditional,
      conditionKeys: [...keys].sort(),
      via: [...via.values()],
      external: account === undefined || (resourceAccount !== undefined && account !== resourceAccount),
    });
  }
  if (diagnostics.length > 0) return fail(diagnostics);
  entries.sort((a, b) => (a.external === b.external ? compare(a.arn, b.arn) : a.external ? -1 : 1));
  return ok({ resource: resourceArn, principals: entries });
}

/** Every user and role of the snapshot (unless `outsidersOnly`), and the outside principals the resource policy names. */
function candidatePrincipals(snapshot: Snapshot, side: ResourceSide, outsidersOnly: boolean): string[] {
  const inside = outsidersOnly
    ? []
    : snapshot.accounts.flatMap((account) => [
        ...account.users.map((u) => u.arn),
        ...account.roles.map((r) => r.arn),
      ]);
  const known = new Set(snapshot.accounts.map((a) => a.id));
  const outside = new Set<string>();
  const parsed = side.resourcePolicy === undefined ? undefined : parsePolicy(side.resourcePolicy);
  if (parsed?.ok) {
    for (const statement of parsed.value.statements) {
      const block = statement.principal;
      if (!block || statement.effect !== 'Allow') continue;
      if (block.wildcard) outside.add('anonymous');
      for (const service of block.service) outside.add(service);
      for (const aws of block.aws) {
        const account = /^\d{12}$/.test(aws) ? aws : parseArn(aws)?.account;
        if (account && !known.has(account)) outside.add(`arn:aws:iam::${account}:root`);
      }
    }
  }
  return [...new Set([...inside, ...outside])].sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
