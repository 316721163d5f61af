import { effectiveAccessOf, type PrincipalAccess } from '../access/access-of.js';
import { createPolicySets, type PolicySets } from '../access/policy-sets.js';
import {
  type PrincipalSide,
  principalSideOf,
  type ResourceSide,
  requestFor,
  resourceSideOf,
} from '../access/simulate-input-for.js';
import type { WhoCanTools } from '../access/who-can.js';
import { actionIdOf } from '../evaluate/action-ids.js';
import { decideWithUnknowns, type UnknownsDecision } from '../evaluate/decide-with-unknowns.js';
import type { PolicySet } from '../evaluate/evaluate-request.js';
import { statementSignature } from '../evaluate/statement-signature.js';
import { parseArn } from '../match/arn.js';
import { parseRequestPrincipal } from '../match/principal.js';
import type { Snapshot } from '../snapshot/model.js';

/** Settings of the risk analysis. */
export interface RiskOptions {
  /**
   * Account ids outside the organisation that are known and trusted (a vendor, a partner): grants
   * to them are not exposure. The accounts of the snapshot and of its organisation always are.
   */
  readonly knownAccounts?: readonly string[];
  /** How many data-source resources a principal must be able to read for `data-exfiltration` (default 5). */
  readonly exfiltrationThreshold?: number;
}

/**
 * What every risk rule reads: the snapshot, the catalog, and the engine, with the effective access
 * of each principal computed at most once and shared between rules.
 */
export interface RiskContext {
  readonly snapshot: Snapshot;
  readonly tools: WhoCanTools;
  /** Accounts whose principals are not outsiders: the snapshot's, the organisation's, the known ones. */
  readonly insideAccounts: ReadonlySet<string>;
  readonly exfiltrationThreshold: number;
  /** Every IAM user and role of the snapshot, sorted by ARN. */
  readonly principals: readonly string[];
  /** The effective access of a principal of the snapshot (cached), undefined when it cannot be decided. */
  accessOf(principalArn: string): PrincipalAccess | undefined;
  /**
   * Decides one request with every policy of the snapshot applied, three-valued: `principalArn`
   * may be a principal of the snapshot, an account root, `anonymous` or a federated provider.
   */
  decide(principalArn: string, action: string, resourceArn: string): UnknownsDecision | undefined;
  /** {@link RiskContext.decide} for many requests of one principal, in order. */
  decideAll(
    principalArn: string,
    pairs: readonly { readonly action: string; readonly resource: string }[],
    options?: { readonly outsideInventory?: boolean },
  ): (UnknownsDecision | undefined)[];
  /**
   * A decision function for many requests of one principal, keeping its compiled sets and decisions
   * between calls (so a caller can stop early). `outsideInventory`: the resources are not in the
   * inventory (no policy of their own), so one resource side per service and region serves them.
   */
  decider(
    principalArn: string,
    options?: { readonly outsideInventory?: boolean },
  ): (action: string, resourceArn: string) => UnknownsDecision | undefined;
  /** The principal's half of its requests (cached), undefined when the snapshot does not have it. */
  principalSide(principalArn: string): PrincipalSide | undefined;
}

/** Builds the shared context of one risk analysis. */
export function createRiskContext(
  snapshot: Snapshot,
  tools: WhoCanTools,
  options: RiskOptions = {},
): RiskContext {
  const insideAccounts = new Set<string>([
    ...snapshot.accounts.map((a) => a.id),
    ...(snapshot.organization?.accounts.map((a) => a.id) ?? []),
    ...(snapshot.organization ? [snapshot.organization.managementAccountId] : []),
    ...(options.knownAccounts ?? []),
  ]);
  const principals = snapshot.accounts
    .flatMap((a) => [...a.users.map((u) => u.arn), ...a.roles.map((r) => r.arn)])
    .sort(compare);
  const accesses = new Map<string, PrincipalAccess | undefined>();
  const sides = new Map<string, PrincipalSide | undefined>();
  const policySets: PolicySets = createPolicySets(snapshot);
  const evaluation = { supportsRcp: (service: string) => tools.catalog.supportsRcp(service) };
  return {
    snapshot,
    tools,
    insideAccounts,
    exfiltrationThreshold: options.exfiltrationThreshold ?? 5,
    principals,
    principalSide,
    accessOf(principalArn) {
      if (!accesses.has(principalArn)) {
        const access = effectiveAccessOf(snapshot, tools, principalArn);
        accesses.set(principalArn, access.ok ? access.value : undefined);
      }
      return accesses.get(principalArn);
    },
    decide(principalArn, action, resourceArn) {
      return decider(principalArn)(action, resourceArn);
    },
    decideAll(principalArn, pairs, options = {}) {
      const decide = decider(principalArn, options);
      return pairs.map(({ action, resource }) => decide(action, resource));
    },
    decider,
  };

  function principalSide(principalArn: string): PrincipalSide | undefined {
    if (!sides.has(principalArn)) {
      const side = principalSideOf(snapshot, principalArn);
      sides.set(principalArn, side.ok ? side.value : outsiderSide(snapshot, principalArn));
    }
    return sides.get(principalArn);
  }

  function decider(
    principalArn: string,
    options: { readonly outsideInventory?: boolean } = {},
  ): (action: string, resourceArn: string) => UnknownsDecision | undefined {
    const principal = principalSide(principalArn);
    if (!principal) return () => undefined;
    // One resource side and policy set per (resource, service); one decision per class of
    // actions matching the same statements, as effectiveAccessOf does.
    const prepared = new Map<string, { resource: ResourceSide; set: PolicySet | undefined }>();
    const decisions = new Map<string, UnknownsDecision | undefined>();
    return (action, resourceArn) => {
      const actionLower = action.toLowerCase();
      const service = actionLower.slice(0, actionLower.indexOf(':'));
      // Resources outside the inventory have no policy of their own: their side depends only on
      // the service and the region of the ARN (RCPs of the account), so one side serves them all.
      const sideKey = options.outsideInventory
        ? `${service}\u0000${parseArn(resourceArn)?.region ?? ''}`
        : `${resourceArn}\u0000${service}`;
      let side = prepared.get(sideKey);
      if (!side) {
        const resource = resourceSideOf(snapshot, resourceArn, action, principal.account);
        side = { resource, set: policySets(principal, resource, []) };
        prepared.set(sideKey, side);
      }
      const { resource, set } = side;
      if (!set) return undefined;
      const classKey = `${resourceArn}\u0000${service}\u0000${statementSignature(set, actionIdOf(actionLower), actionLower)}`;
      if (!decisions.has(classKey)) {
        const request = requestFor(snapshot, principalArn, principal, action, resourceArn, resource);
        decisions.set(classKey, request.ok ? decideWithUnknowns(set, request.value, evaluation) : undefined);
      }
      return decisions.get(classKey);
    };
  }
}

/** Code-unit order, as every sorted list of accessloop. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A user or role of an account outside the snapshot: its identity-based policies are not known,
 * so it is taken to hold every permission its own account's administrators could give it (an
 * Allow of `*`). Cross-account access is then decided by the resource's side, as AWS decides it
 * once the other account grants.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 */
function outsiderSide(snapshot: Snapshot, principalArn: string): PrincipalSide | undefined {
  const principal = parseRequestPrincipal(principalArn);
  if (!principal?.account || (principal.kind !== 'user' && principal.kind !== 'role')) return undefined;
  if (snapshot.accounts.some((a) => a.id === principal.account)) return undefined;
  return {
    account: principal.account,
    identityPolicies: [
      {
        name: `policies of account ${principal.account}, not in the snapshot`,
        policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      },
    ],
    permissionBoundaries: [],
    context: principal.kind === 'role' ? { 'aws:PrincipalArn': principalArn } : {},
  };
}
