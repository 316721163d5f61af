import {
  type AccessCapability,
  type AccessGrant,
  effectiveAccessOf,
  type PrincipalAccess,
  summarizeAccess,
} from '../access/access-of.js';
import type { WhoCanTools } from '../access/who-can.js';
import { whoCan } from '../access/who-can.js';
import { CAPABILITIES, type Capability } from '../capability/capability.js';
import { capabilitiesFor } from '../capability/capability-map.js';
import { DEFAULT_CONFIG } from '../config/default-config.js';
import { type Diagnostic, fail, ok, type Result } from '../diagnostics/diagnostic.js';
import { parsePolicy } from '../policy/parse-policy.js';
import type { Finding } from '../risk/finding.js';
import { type ScoreReport, UNTAGGED } from '../score/score-snapshot.js';
import type { Snapshot, Tags } from '../snapshot/model.js';
import { describeAccess } from './describe-access.js';

/**
 * The most resources listed per line of a principal's summary in `results.json` (actions are only
 * counted), so the file grows with the principals, not with principals × resources; the counts
 * are exact, and `accessloop access` lists everything.
 */
export const MAX_LISTED_RESOURCES = 3;

/**
 * The most principals listed per capability of a resource in the scan's reports (outsiders that
 * the resource's own policy names are always listed), so they grow with the resources, not with
 * resources × principals: each resource stays on one screen, the counts are exact, and
 * `accessloop who-can` lists everyone.
 */
export const MAX_LISTED_PRINCIPALS = 10;

/** What a scan says of one principal. */
export interface ScannedPrincipal {
  readonly arn: string;
  readonly kind: 'user' | 'role';
  readonly name: string;
  readonly account: string;
  /** The value of the grouping tag (`team` by default), when the principal has it. */
  readonly group?: string;
  /** What it can do, in one sentence (raw names: renderers escape them). */
  readonly sentence: string;
  /** Whether it can administer a critical service (IAM, Organizations, KMS, ...). */
  readonly critical: boolean;
  /** What it can do by capability and service; `resources` holds at most {@link MAX_LISTED_RESOURCES}. */
  readonly capabilities: readonly (AccessCapability & {
    readonly resourceCount: number;
    readonly actionCount: number;
  })[];
}

/** One principal's access to one resource, for one capability. */
export interface ResourceAccessLine {
  readonly principal: string;
  readonly actions: readonly string[];
  readonly conditional: boolean;
  /** Whether the principal is outside the resource's account: another account, the public, a service. */
  readonly external: boolean;
  /** The policies that grant it. */
  readonly via: readonly string[];
}

/** Who can reach one resource of the inventory, by capability. */
export interface ScannedResource {
  readonly arn: string;
  readonly type: string;
  readonly account: string;
  readonly group?: string;
  readonly tags: Tags;
  /**
   * Per capability (in the order of `CAPABILITIES`), the principals: external ones first, then by
   * ARN, at most {@link MAX_LISTED_PRINCIPALS} besides the outsiders its policy names;
   * `principalCount` counts them all.
   */
  readonly access: readonly {
    readonly capability: Capability;
    readonly principalCount: number;
    readonly lines: readonly ResourceAccessLine[];
  }[];
  /** How many principals can administer it or write or delete its data. */
  readonly canChange: number;
  /** `public` when anyone can reach it, `external` when another account can, else `internal`. */
  readonly exposure: 'public' | 'external' | 'internal';
}

/** A team or application: its resources (riskiest first) and its principals. */
export interface ScanGroup {
  readonly name: string;
  readonly resources: readonly string[];
  readonly principals: readonly string[];
}

/** The result of `accessloop scan` (`results.json`). */
export interface ScanResult {
  readonly format: 'accessloop-scan/1';
  readonly collectedAt?: string;
  readonly accounts: readonly string[];
  /** The tag resources and principals are grouped by. */
  readonly groupBy: string;
  readonly principals: readonly ScannedPrincipal[];
  readonly resources: readonly ScannedResource[];
  readonly groups: readonly ScanGroup[];
  /** Risk findings, worst first, when the caller ran the risk analysis. */
  readonly findings?: readonly Finding[];
  /** Golf scores, par and the leaderboard, when the caller scored the principals (`scoreSnapshot`). */
  readonly scores?: ScoreReport;
}

/** Options of {@link scanSnapshot}. */
export interface ScanOptions {
  /** The tag that names a resource's or principal's team or application (default `team`). */
  readonly groupBy?: string;
  /** Called after each principal, for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Services whose administration is critical (default: the scoring configuration's). */
  readonly criticalServices?: readonly string[];
  /** Called with each principal's access as it is computed (for scores), in ARN order. */
  readonly onAccess?: (access: PrincipalAccess) => void;
}

/**
 * The main job: what every principal of the snapshot can do (effective access, exactly, with
 * every policy applied), who can reach every resource of the inventory, and both grouped by team
 * or application so each owner reviews their own, riskiest first.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function scanSnapshot(
  snapshot: Snapshot,
  tools: WhoCanTools,
  options: ScanOptions = {},
): Result<ScanResult> {
  const groupBy = options.groupBy ?? 'team';
  const critical = new Set(options.criticalServices ?? DEFAULT_CONFIG.score.criticalServices);
  const entities = snapshot.accounts
    .flatMap((account) => [
      ...account.users.map((u) => ({ kind: 'user' as const, entity: u, account: account.id })),
      ...account.roles.map((r) => ({ kind: 'role' as const, entity: r, account: account.id })),
    ])
    .sort((a, b) => compare(a.entity.arn, b.entity.arn));

  // Inventory resources, with their bucket's object pattern mapped to the bucket.
  const inventory = new Map<string, { arn: string; type: string; account: string; tags: Tags }>();
  const inventoryOf = new Map<string, string>();
  for (const account of snapshot.accounts) {
    for (const r of account.resources) {
      inventory.set(r.arn, { arn: r.arn, type: r.type, account: r.accountId, tags: r.tags });
      inventoryOf.set(r.arn, r.arn);
      if (r.type === 'AWS::S3::Bucket') inventoryOf.set(`${r.arn}/*`, r.arn);
    }
  }
  // Per resource (by its index in `resources`) and capability, a slot: how many principals reach
  // it, and the first of them listed (principals come in ARN order). Counted in arrays, so the
  // pairs of principals and resources cost no memory of their own.
  const resourceArns = [...inventory.keys()].sort(compare);
  const resourceIndex = new Map(resourceArns.map((arn, i) => [arn, i]));
  const resourceAccounts = resourceArns.map((arn) => (inventory.get(arn) as { account: string }).account);
  const capabilityCount = CAPABILITIES.length;
  const capabilityIndex = new Map(CAPABILITIES.map((c, i) => [c, i]));
  const lastCounted = new Int32Array(resourceArns.length * capabilityCount).fill(-1);
  const counts = new Uint32Array(resourceArns.length * capabilityCount);
  const lastChanger = new Int32Array(resourceArns.length).fill(-1);
  const changers = new Uint32Array(resourceArns.length);
  // Per slot, how many principals of the snapshot are listed (external, internal) and the last one.
  const listedCount = new Uint8Array(resourceArns.length * capabilityCount * 2);
  const lastListed = new Int32Array(resourceArns.length * capabilityCount).fill(-1);
  const slots = new Map<number, { external: Map<string, MutableLine>; internal: Map<string, MutableLine> }>();
  /**
   * One principal's actions of one capability on one resource. `principalIndex` is the
   * principal's place in ARN order, or -1 for an outsider the resource's policy names (listed
   * always; the caller counts it in `changers`).
   */
  const addLine = (
    resource: number,
    capability: Capability,
    principal: string,
    principalIndex: number,
    actions: readonly string[],
    grant: { conditional: boolean; via?: readonly string[] },
    external: boolean,
  ) => {
    const slot = resource * capabilityCount + (capabilityIndex.get(capability) as number);
    if (principalIndex >= 0) {
      const first = lastCounted[slot] !== principalIndex;
      if (first) {
        lastCounted[slot] = principalIndex;
        counts[slot] = (counts[slot] as number) + 1;
      }
      if (changes(capability) && lastChanger[resource] !== principalIndex) {
        lastChanger[resource] = principalIndex;
        changers[resource] = (changers[resource] as number) + 1;
      }
      // Listed when its list had room as the principal first reached the slot; its later lines
      // join its line. Most lines are neither, and are counted without a lookup.
      const side = external ? 1 : 0;
      if (
        first
          ? (listedCount[slot * 2 + side] as number) >= MAX_LISTED_PRINCIPALS
          : lastListed[slot] !== principalIndex
      )
        return;
      if (first) {
        listedCount[slot * 2 + side] = (listedCount[slot * 2 + side] as number) + 1;
        lastListed[slot] = principalIndex;
      }
    }
    let lists = slots.get(slot);
    if (!lists) {
      lists = { external: new Map(), internal: new Map() };
      slots.set(slot, lists);
    }
    const list = external ? lists.external : lists.internal;
    let line = list.get(principal);
    if (!line) {
      if (principalIndex < 0) counts[slot] = (counts[slot] as number) + 1;
      line = { principal, actions: [], conditional: false, external, via: [] };
      list.set(principal, line);
    }
    line.actions.push(actions);
    line.conditional ||= grant.conditional;
    if (grant.via) line.via.push(grant.via);
  };

  // A grant's actions by capability, once per grant (grants are shared between principals, and
  // so are the lists the lines keep).
  const capabilityActions = new WeakMap<AccessGrant, ReadonlyMap<Capability, readonly string[]>>();
  const actionsByCapability = (grant: AccessGrant) => {
    let byCapability = capabilityActions.get(grant);
    if (!byCapability) {
      const found = new Map<Capability, string[]>();
      for (const action of grant.actions) {
        for (const c of capabilitiesFor(action)) {
          const list = found.get(c);
          if (list) list.push(action);
          else found.set(c, [action]);
        }
      }
      byCapability = found;
      capabilityActions.set(grant, byCapability);
    }
    return byCapability;
  };
  // The inventory resources (their indexes) of a grant's resource list (lists are shared between grants).
  const targetLists = new WeakMap<readonly string[], readonly number[]>();
  // A sorted list none of whose range holds an inventory ARN, and that starts with no object of
  // a bucket (whose bucket sorts before it), has no target: found without walking it.
  const inventoryArns = [...inventoryOf.keys()].sort(compare);
  const noneWithin = (first: string, last: string) => {
    let low = 0;
    let high = inventoryArns.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((inventoryArns[middle] as string) < first) low = middle + 1;
      else high = middle;
    }
    return low === inventoryArns.length || (inventoryArns[low] as string) > last;
  };
  const targetsOf = (resources: readonly string[]): readonly number[] => {
    let targets = targetLists.get(resources);
    if (!targets) {
      const first = resources[0] ?? '';
      const last = resources[resources.length - 1] ?? '';
      const found: number[] = [];
      if (resources.length > 0 && (first.startsWith('arn:aws:s3:::') || !noneWithin(first, last))) {
        // Each inventory resource once, in the order of the list.
        const seen = new Set<number>();
        for (const r of resources) {
          const arn = inventoryOf.get(r) ?? bucketOf(r, inventory);
          if (arn === undefined) continue;
          const target = resourceIndex.get(arn) as number;
          if (seen.has(target)) continue;
          seen.add(target);
          found.push(target);
        }
      }
      targets = found;
      targetLists.set(resources, targets);
    }
    return targets;
  };
  // A summary line as results.json lists it, once per line (principals share their summaries' lines).
  const listed = new WeakMap<AccessCapability, ScannedPrincipal['capabilities'][number]>();
  const listedLine = (c: AccessCapability) => {
    let line = listed.get(c);
    if (!line) {
      line = {
        ...c,
        resources: c.resources.slice(0, MAX_LISTED_RESOURCES),
        resourceCount: c.resources.length,
        actions: [],
        actionCount: c.actions.length,
      };
      listed.set(c, line);
    }
    return line;
  };
  const diagnostics: Diagnostic[] = [];
  const principals: ScannedPrincipal[] = [];
  entities.forEach(({ kind, entity, account }, i) => {
    const access = effectiveAccessOf(snapshot, tools, entity.arn);
    if (!access.ok) {
      diagnostics.push(...access.diagnostics);
      return;
    }
    options.onAccess?.(access.value);
    // Invert onto the inventory: per grant, the actions of each capability.
    for (const part of access.value.services ?? [access.value]) {
      for (const grant of part.grants) {
        const targets = targetsOf(grant.resources);
        if (targets.length === 0) continue;
        const byCapability = actionsByCapability(grant);
        for (const target of targets) {
          const external = resourceAccounts[target] !== account;
          for (const [c, actions] of byCapability)
            addLine(target, c, entity.arn, i, actions, grant, external);
        }
      }
    }
    const summary = summarizeAccess(access.value).capabilities;
    const group = tagValue(entity.tags, groupBy);
    principals.push({
      arn: entity.arn,
      kind,
      name: entity.name,
      account,
      ...(group !== undefined ? { group } : {}),
      sentence: describeAccess({ kind, name: entity.name, account }, summary, tools.resourceTypes, critical),
      critical: summary.some((c) => c.capability === 'administer-resource' && critical.has(c.service)),
      capabilities: summary.map(listedLine),
    });
    options.onProgress?.(i + 1, entities.length);
  });
  if (diagnostics.length > 0) return fail(diagnostics);

  // Outsiders (other accounts, the public, services) that a resource's own policy lets in.
  const accounts = new Set(snapshot.accounts.map((a) => a.id));
  for (const account of snapshot.accounts) {
    for (const r of account.resources) {
      if (r.policy === undefined || !namesOutsiders(r.policy, accounts)) continue;
      // A bucket's policy also governs its objects, which are not in the inventory.
      const targets = r.type === 'AWS::S3::Bucket' ? [r.arn, `${r.arn}/*`] : [r.arn];
      const index = resourceIndex.get(r.arn) as number;
      const changing = new Set<string>();
      for (const target of targets) {
        const who = whoCan(snapshot, tools, target, { outsidersOnly: true });
        if (!who.ok) continue;
        for (const p of who.value.principals) {
          const via = [
            ...new Set(p.via.map((v) => (v.policyType === 'resource' ? 'resource-based policy' : v.policy))),
          ];
          for (const c of p.capabilities) {
            const actions = p.actions.filter((a) => capabilitiesFor(a).includes(c));
            addLine(index, c, p.arn, -1, actions, { conditional: p.conditional, via }, true);
          }
          if (p.capabilities.some(changes)) changing.add(p.arn);
        }
      }
      changers[index] = (changers[index] as number) + changing.size;
    }
  }

  // A line's actions or policies: one grant's list (sorted, shared) as it is, else the union.
  const sortedLists = new WeakMap<readonly string[], readonly string[]>();
  const unionOf = (lists: readonly (readonly string[])[]): readonly string[] => {
    if (lists.length !== 1) return [...new Set(lists.flat())].sort(compare);
    const list = lists[0] as readonly string[];
    let sorted = sortedLists.get(list);
    if (!sorted) {
      sorted = [...new Set(list)].sort(compare);
      sortedLists.set(list, sorted);
    }
    return sorted;
  };
  const resources = resourceArns.map((arn, index): ScannedResource => {
    const r = inventory.get(arn) as { arn: string; type: string; account: string; tags: Tags };
    const access = CAPABILITIES.flatMap((capability, c) => {
      const lists = slots.get(index * capabilityCount + c);
      if (!lists) return [];
      const external = [...lists.external.values()].sort((a, b) => compare(a.principal, b.principal));
      const internal = [...lists.internal.values()].sort((a, b) => compare(a.principal, b.principal));
      const shown = [...external, ...internal].slice(0, Math.max(MAX_LISTED_PRINCIPALS, external.length));
      return [
        {
          capability,
          principalCount: counts[index * capabilityCount + c] as number,
          lines: shown.map(
            (l): ResourceAccessLine => ({
              principal: l.principal,
              actions: unionOf(l.actions),
              conditional: l.conditional,
              external: l.external,
              via: unionOf(l.via),
            }),
          ),
        },
      ];
    });
    const everyone = access.some((a) =>
      a.lines.some((l) => (l.principal === '*' || l.principal === 'anonymous') && !l.conditional),
    );
    // Every external line is listed when there are few, and the first ones when there are many.
    const external = access.some((a) => a.lines.some((l) => l.external));
    const group = tagValue(r.tags, groupBy);
    return {
      ...r,
      ...(group !== undefined ? { group } : {}),
      access,
      canChange: changers[index] as number,
      exposure: everyone ? 'public' : external ? 'external' : 'internal',
    };
  });

  return ok({
    format: 'accessloop-scan/1',
    ...(snapshot.collectedAt !== undefined ? { collectedAt: snapshot.collectedAt } : {}),
    accounts: snapshot.accounts.map((a) => a.id).sort(compare),
    groupBy,
    principals,
    resources,
    groups: groupsOf(principals, resources),
  });
}

/**
 * Whether a resource-based policy names a principal outside the snapshot's accounts: everyone,
 * another account, a principal of another account, a service or a federated identity.
 */
function namesOutsiders(policy: unknown, accounts: ReadonlySet<string>): boolean {
  const parsed = parsePolicy(policy);
  if (!parsed.ok) return false;
  return parsed.value.statements.some((s) => {
    if (s.effect !== 'Allow') return false;
    if (s.notPrincipal) return true;
    const p = s.principal;
    if (!p) return false;
    if (p.wildcard || p.service.length > 0 || p.federated.length > 0 || p.canonicalUser.length > 0)
      return true;
    return p.aws.some((a) => {
      const account = /^\d{12}$/.test(a) ? a : /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(a)?.[1];
      return account === undefined || !accounts.has(account);
    });
  });
}

/** A line as it is put together: the action and policy lists of each grant (shared), flattened at the end. */
interface MutableLine {
  readonly principal: string;
  readonly actions: (readonly string[])[];
  conditional: boolean;
  readonly external: boolean;
  readonly via: (readonly string[])[];
}

/** Whether a capability changes a resource: administering it, or writing or deleting its data. */
function changes(capability: Capability): boolean {
  return capability !== 'read-config' && capability !== 'use-resource';
}

/** How risky a resource's access is, for ordering: exposure first, then who can change or destroy it. */
export function riskOf(resource: ScannedResource): number {
  const exposure = resource.exposure === 'public' ? 1_000_000 : resource.exposure === 'external' ? 10_000 : 0;
  return exposure + resource.canChange;
}

function groupsOf(
  principals: readonly ScannedPrincipal[],
  resources: readonly ScannedResource[],
): ScanGroup[] {
  const groups = new Map<string, { resources: ScannedResource[]; principals: string[] }>();
  const groupOf = (name: string | undefined) => {
    const key = name ?? UNTAGGED;
    let group = groups.get(key);
    if (!group) {
      group = { resources: [], principals: [] };
      groups.set(key, group);
    }
    return group;
  };
  for (const r of resources) groupOf(r.group).resources.push(r);
  for (const p of principals) groupOf(p.group).principals.push(p.arn);
  return [...groups.entries()]
    .sort(([a], [b]) => (a === UNTAGGED ? 1 : b === UNTAGGED ? -1 : compare(a, b)))
    .map(([name, g]) => ({
      name,
      resources: g.resources.sort((a, b) => riskOf(b) - riskOf(a) || compare(a.arn, b.arn)).map((r) => r.arn),
      principals: g.principals,
    }));
}

/** For an object or object pattern of a bucket of the inventory, the bucket. */
function bucketOf(arn: string, inventory: ReadonlyMap<string, unknown>): string | undefined {
  if (!arn.startsWith('arn:aws:s3:::')) return undefined;
  const slash = arn.indexOf('/');
  if (slash < 0) return undefined;
  const bucket = arn.slice(0, slash);
  return inventory.has(bucket) ? bucket : undefined;
}

function tagValue(tags: Tags, key: string): string | undefined {
  if (Object.hasOwn(tags, key)) return tags[key];
  const lower = key.toLowerCase();
  const found = Object.keys(tags).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : tags[found];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
