/**
 * The reference implementation of effective access, kept for differential tests: it considers
 * every resource of the snapshot and every action the catalog authorises against it, one
 * evaluation per (resource, class of actions matching the same statements). Slow (every
 * principal × every resource) but simple; `effectiveAccessOf` must give exactly its answer.
 */

import { snapshotResources } from '../access/access-index.js';
import {
  type AccessGrant,
  compareGrants,
  grantFieldsOf,
  isDenied,
  type Outcome,
  outcomeOf,
  type PrincipalAccess,
} from '../access/access-of.js';
import { createPolicySets } from '../access/policy-sets.js';
import {
  principalSideOf,
  type ResourceSide,
  requestFor,
  resourceSideOf,
} from '../access/simulate-input-for.js';
import type { WhoCanTools } from '../access/who-can.js';
import type { ActionInfo } from '../catalog/catalog.js';
import { type Diagnostic, fail, ok, type Result } from '../diagnostics/diagnostic.js';
import { actionIdOf } from '../evaluate/action-ids.js';
import { decideWithUnknowns } from '../evaluate/decide-with-unknowns.js';
import type { PolicySet } from '../evaluate/evaluate-request.js';
import { statementSignature } from '../evaluate/statement-signature.js';
import { parsePolicy } from '../policy/parse-policy.js';
import type { Snapshot } from '../snapshot/model.js';

/**
 * Every (action, resource) pair one principal of the snapshot can reach, as non-overlapping
 * rectangles (see {@link accessOf} for what is evaluated and how).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function pairwiseAccessOf(
  snapshot: Snapshot,
  tools: WhoCanTools,
  principalArn: string,
): Result<PrincipalAccess> {
  const principal = principalSideOf(snapshot, principalArn);
  if (!principal.ok) return principal;
  const { catalog, resourceTypes } = tools;

  // Candidate actions: what the principal's Allow statements name, plus what resource policies grant it.
  const candidates = new Set<string>();
  const add = (patterns: readonly string[], negate: boolean) => {
    const expanded = patterns.flatMap((p) => catalog.expandActionPattern(p)).map((a) => a.action);
    if (!negate) for (const a of expanded) candidates.add(a);
    else {
      const excluded = new Set(expanded);
      for (const a of catalog.expandActionPattern('*')) if (!excluded.has(a.action)) candidates.add(a.action);
    }
  };
  for (const named of principal.value.identityPolicies) {
    const parsed = parsePolicy(named.policy);
    if (!parsed.ok) return fail(parsed.diagnostics);
    for (const s of parsed.value.statements) {
      if (s.effect === 'Allow') add(s.action ?? s.notAction ?? [], s.notAction !== undefined);
    }
  }
  const { resources, grantedByResource } = snapshotIndex(snapshot, tools);

  // Evaluate each candidate action against each resource it applies to.
  const diagnostics: Diagnostic[] = [];
  const options = { supportsRcp: (service: string) => catalog.supportsRcp(service) };
  // Per action, the resources it reaches and, for conditional access, the keys ('' when certain).
  const reached = new Map<string, Map<string, string>>();
  const record = (action: string, resource: string, outcome: Outcome) => {
    let resources = reached.get(action);
    if (!resources) {
      resources = new Map();
      reached.set(action, resources);
    }
    resources.set(resource, outcome);
  };
  const pairs: [string, string][] = [];
  for (const arn of resources) {
    const fromResource = grantedByResource.get(arn);
    for (const info of resourceTypes.actionsForArn(arn)) {
      if (candidates.has(info.action) || fromResource?.has(info.action)) pairs.push([info.action, arn]);
    }
  }
  for (const action of candidates) {
    const info = catalog.findAction(action) as ActionInfo;
    if (info.resourceTypes.length === 0) pairs.push([action, '*']);
  }
  // One resource side and policy set per (resource, service); one evaluation per class of actions
  // that match the same statements (statementSignature).
  const policySet = createPolicySets(snapshot);
  const sides = new Map<string, { side: ResourceSide; set: PolicySet } | undefined>();
  const outcomes = new Map<string, Outcome>();
  for (const [action, resource] of pairs) {
    const actionLower = action.toLowerCase();
    const service = actionLower.slice(0, actionLower.indexOf(':'));
    const sideKey = `${resource}\u0000${service}`;
    let prepared = sides.get(sideKey);
    if (!sides.has(sideKey)) {
      const side = resourceSideOf(snapshot, resource, action, principal.value.account);
      const set = policySet(principal.value, side, diagnostics);
      prepared = set ? { side, set } : undefined;
      sides.set(sideKey, prepared);
    }
    if (!prepared) break;
    const { side, set } = prepared;
    const classKey = `${sideKey}\u0000${statementSignature(set, actionIdOf(actionLower), actionLower)}`;
    let outcome = outcomes.get(classKey);
    if (outcome === undefined) {
      const request = requestFor(snapshot, principalArn, principal.value, action, resource, side);
      if (!request.ok) {
        diagnostics.push(...request.diagnostics);
        break;
      }
      const decision = decideWithUnknowns(set, request.value, options);
      outcome = outcomeOf(decision);
      outcomes.set(classKey, outcome);
    }
    if (!isDenied(outcome)) record(action, resource, outcome);
  }
  if (diagnostics.length > 0) return fail(diagnostics);
  return ok({ principal: principalArn, grants: grantsOf(reached) });
}

/**
 * Groups per-action reach into rectangles: actions of one service that reach the same resources
 * the same way.
 */
function grantsOf(reached: ReadonlyMap<string, ReadonlyMap<string, string>>): AccessGrant[] {
  const byShape = new Map<string, { actions: string[]; resources: string[]; keys: string }>();
  for (const [action, resources] of reached) {
    const byKeys = new Map<string, string[]>();
    for (const [resource, keys] of resources) {
      const list = byKeys.get(keys);
      if (list) list.push(resource);
      else byKeys.set(keys, [resource]);
    }
    for (const [keys, list] of byKeys) {
      list.sort(compare);
      // Each grant holds actions of one service (as effectiveAccessOf's do).
      const service = action.slice(0, action.indexOf(':')).toLowerCase();
      const shape = `${service}\u0001${keys}\u0001${list.join('\u0000')}`;
      const grant = byShape.get(shape);
      if (grant) grant.actions.push(action);
      else byShape.set(shape, { actions: [action], resources: list, keys });
    }
  }
  return [...byShape.values()]
    .map(({ actions, resources, keys }): AccessGrant => {
      return { actions: actions.sort(compare), resources, ...grantFieldsOf(keys) };
    })
    .sort(compareGrants);
}

interface SnapshotIndex {
  /** Every resource of the snapshot (see {@link inventoryArns}). */
  readonly resources: readonly string[];
  /** Per resource, the actions its resource-based policy (or trust policy) allows to someone. */
  readonly grantedByResource: ReadonlyMap<string, ReadonlySet<string>>;
}

const snapshotIndexes = new WeakMap<Snapshot, SnapshotIndex>();

/** What does not depend on the principal, computed once per snapshot (snapshots never change). */
function snapshotIndex(snapshot: Snapshot, tools: WhoCanTools): SnapshotIndex {
  const known = snapshotIndexes.get(snapshot);
  if (known) return known;
  const { catalog, resourceTypes } = tools;
  const resources = snapshotResources(snapshot);
  const grantedByResource = new Map<string, Set<string>>();
  for (const arn of resources) {
    for (const service of new Set(resourceTypes.actionsForArn(arn).map((a) => a.service))) {
      const side = resourceSideOf(snapshot, arn, `${service}:x`, undefined);
      const parsed = side.resourcePolicy === undefined ? undefined : parsePolicy(side.resourcePolicy);
      if (!parsed?.ok) continue;
      for (const s of parsed.value.statements) {
        if (s.effect !== 'Allow' || (!s.principal && !s.notPrincipal)) continue;
        const set = grantedByResource.get(arn) ?? new Set<string>();
        for (const a of (s.action ?? []).flatMap((p) => catalog.expandActionPattern(p))) set.add(a.action);
        grantedByResource.set(arn, set);
      }
    }
  }
  const index = { resources, grantedByResource };
  snapshotIndexes.set(snapshot, index);
  return index;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
