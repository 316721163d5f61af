import type { Capability } from '../capability/capability.js';
import { capabilitiesFor } from '../capability/capability-map.js';
import type { ActionInfo } from '../catalog/catalog.js';
import { type Diagnostic, fail, ok, type Result } from '../diagnostics/diagnostic.js';
import { actionIdOf } from '../evaluate/action-ids.js';
import { decideWithUnknowns, type UnknownsDecision } from '../evaluate/decide-with-unknowns.js';
import type { PolicySet } from '../evaluate/evaluate-request.js';
import { statementSignature } from '../evaluate/statement-signature.js';
import { parsePolicy } from '../policy/parse-policy.js';
import type { Snapshot } from '../snapshot/model.js';
import { createPolicySets } from './policy-sets.js';
import { principalSideOf, type ResourceSide, requestFor, resourceSideOf } from './simulate-input-for.js';
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
 * rectangles (see {@link accessOf} for what is evaluated and how).
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
  const record = (action: string, resource: string, keys: readonly string[]) => {
    let resources = reached.get(action);
    if (!resources) {
      resources = new Map();
      reached.set(action, resources);
    }
    resources.set(resource, keys.join(','));
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
  const outcomes = new Map<string, Pick<UnknownsDecision, 'outcome' | 'keys'>>();
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
      outcome = { outcome: decision.outcome, keys: decision.keys };
      outcomes.set(classKey, outcome);
    }
    if (outcome.outcome !== 'Denied')
      record(action, resource, outcome.outcome === 'Conditional' ? outcome.keys : []);
  }
  if (diagnostics.length > 0) return fail(diagnostics);
  return ok({ principal: principalArn, grants: grantsOf(reached) });
}

/** Groups per-action reach into rectangles: actions that reach the same resources the same way. */
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
      const shape = `${keys}\u0001${list.join('\u0000')}`;
      const grant = byShape.get(shape);
      if (grant) grant.actions.push(action);
      else byShape.set(shape, { actions: [action], resources: list, keys });
    }
  }
  return [...byShape.values()]
    .map(({ actions, resources, keys }): AccessGrant => {
      const conditionKeys = keys === '' ? [] : keys.split(',');
      return { actions: actions.sort(compare), resources, conditional: keys !== '', conditionKeys };
    })
    .sort(
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
  const resources = inventoryArns(snapshot);
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

/** Every resource of the snapshot: the inventory, one object pattern per bucket, and the IAM entities. */
function inventoryArns(snapshot: Snapshot): string[] {
  const arns = new Set<string>();
  for (const account of snapshot.accounts) {
    for (const r of account.resources) {
      arns.add(r.arn);
      if (r.type === 'AWS::S3::Bucket') arns.add(`${r.arn}/*`);
    }
    for (const e of [...account.users, ...account.roles, ...account.groups]) arns.add(e.arn);
    for (const p of account.managedPolicies) if (!p.awsManaged) arns.add(p.arn);
  }
  return [...arns].sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
