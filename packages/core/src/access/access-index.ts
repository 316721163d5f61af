import type { ActionInfo, Catalog } from '../catalog/catalog.js';
import type { ResourceTypeIndex } from '../catalog/resource-types.js';
import { compileArnPattern } from '../condition/arn.js';
import { parseArn } from '../match/arn.js';
import { parsePolicy } from '../policy/parse-policy.js';
import type { Policy, Statement } from '../policy/types.js';
import { compileTemplate } from '../policy/variables.js';
import type { Snapshot } from '../snapshot/model.js';
import { createPolicySets, type PolicySets } from './policy-sets.js';
import { type ResourceSide, resourceSideOf } from './simulate-input-for.js';

/**
 * Resources that no evaluation can tell apart: the same resource types, the same resource side
 * for every service (account, resource-based policy, RCP levels, context keys) and the same
 * answer from every `Resource`/`NotResource` pattern of every policy of the snapshot. One
 * evaluation decides for all its members.
 */
export interface ResourceClass {
  readonly id: number;
  /** ARNs, sorted. */
  readonly members: readonly string[];
  /** The actions the catalog authorises against these resources. */
  readonly actions: readonly ActionInfo[];
  /** Ids of the snapshot's resource patterns that match the members, ascending. */
  readonly patterns: readonly number[];
  /** Whether a pattern with a policy variable may match it: then the class has one member. */
  readonly variable: boolean;
  /** The resource side per service of {@link actions}, with a key that identifies it. */
  readonly sides: ReadonlyMap<string, { readonly side: ResourceSide; readonly key: string }>;
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
}

/** The snapshot-wide part of effective access, built once per snapshot. */
export interface AccessIndex {
  readonly classes: readonly ResourceClass[];
  /** The resource pattern ids by pattern text (the text as written in the policy). */
  readonly patternIds: ReadonlyMap<string, number>;
  /** Per pattern id, the classes it may match. */
  readonly classesOfPattern: readonly (readonly number[])[];
  /** Pattern ids of RCPs and resource-based policies: they take part in every principal's evaluation. */
  readonly resourceSidePatterns: ReadonlySet<number>;
  readonly grants: Grants;
  /** Compiles policy sets, each policy once for the whole snapshot. */
  readonly policySets: PolicySets;
  /** A policy document parsed, once per document; undefined when it does not parse. */
  parse(document: unknown): Policy | undefined;
  /** Whether a statement's `Action` or `NotAction` names an action (catalog spelling). */
  allows(statement: Statement): (action: string) => boolean;
  /** The catalog actions a statement's `Action` or `NotAction` names. */
  actionsOf(statement: Statement): readonly ActionInfo[];
  /** The members of some classes (`-1` is `*`), sorted; shared between callers, never change it. */
  resourcesOf(classIds: readonly number[]): readonly string[];
}

const indexes = new WeakMap<Snapshot, AccessIndex>();

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

  // Every resource pattern of every policy of the snapshot.
  const patterns = new PatternTable();
  const resourceSidePatterns = new Set<number>();
  for (const { policy, resourceSide } of policiesOf(snapshot)) {
    for (const s of policy.statements) {
      for (const text of s.resource ?? s.notResource ?? []) {
        const id = patterns.add(text, policy.version === '2012-10-17');
        if (resourceSide) resourceSidePatterns.add(id);
      }
    }
  }

  // Resource classes.
  const policyIds = new IdentityIds();
  const byKey = new Map<
    string,
    {
      members: string[];
      actions: readonly ActionInfo[];
      patterns: number[];
      variable: boolean;
      sides: Map<string, { side: ResourceSide; key: string }>;
    }
  >();
  for (const arn of inventoryArns(snapshot)) {
    const actions = resourceTypes.actionsForArn(arn);
    const { ids, variable } = patterns.matching(arn);
    const sides = new Map<string, { side: ResourceSide; key: string }>();
    for (const service of new Set(actions.map((a) => a.service))) {
      const side = resourceSideOf(snapshot, arn, `${service}:x`, undefined);
      // The request reads the ARN's own account (`aws:ResourceAccount`) when the side gives none.
      const key = `${side.resourceAccount ?? parseArn(arn)?.account}|${policyIds.of(side.resourcePolicy)}|${JSON.stringify(side.context)}`;
      sides.set(service, { side, key });
    }
    const types = resourceTypes
      .resourceTypesOf(arn)
      .map((t) => `${t.service}/${t.type}`)
      .join(',');
    const sideKeys = [...sides].map(([service, { key }]) => `${service}=${key}`).join(';');
    const key = `${types}\u0000${sideKeys}\u0000${ids.join(',')}${variable ? `\u0000${arn}` : ''}`;
    const found = byKey.get(key);
    if (found) found.members.push(arn);
    else byKey.set(key, { members: [arn], actions, patterns: ids, variable, sides });
  }
  const classes: ResourceClass[] = [...byKey.values()].map((c, id) => ({ id, ...c }));
  const classesOfPattern: number[][] = Array.from({ length: patterns.size }, () => []);
  for (const c of classes) for (const p of c.patterns) classesOfPattern[p]?.push(c.id);

  const parsedPolicies = new Map<unknown, Policy | undefined>();
  const statementActions = new WeakMap<Statement, readonly ActionInfo[]>();
  const statementTests = new WeakMap<Statement, (action: string) => boolean>();
  const resourceLists = new Map<string, readonly string[]>();
  const actionsOf = (statement: Statement): readonly ActionInfo[] => {
    let actions = statementActions.get(statement);
    if (!actions) {
      const named = (statement.action ?? statement.notAction ?? []).flatMap((p) =>
        catalog.expandActionPattern(p),
      );
      if (statement.notAction) {
        const excluded = new Set(named.map((a) => a.action));
        actions = catalog.expandActionPattern('*').filter((a) => !excluded.has(a.action));
      } else actions = [...new Set(named)];
      statementActions.set(statement, actions);
    }
    return actions;
  };
  const index: AccessIndex = {
    classes,
    patternIds: patterns.ids,
    classesOfPattern,
    resourceSidePatterns,
    grants: grantsOf(classes, catalog),
    policySets: createPolicySets(snapshot),
    parse(document) {
      if (!parsedPolicies.has(document)) {
        const parsed = parsePolicy(document);
        parsedPolicies.set(document, parsed.ok ? parsed.value : undefined);
      }
      return parsedPolicies.get(document);
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
    actionsOf,
    resourcesOf(classIds) {
      const key = classIds.join(',');
      let list = resourceLists.get(key);
      if (!list) {
        list = classIds.flatMap((id) => (id < 0 ? ['*'] : (classes[id]?.members ?? []))).sort(compare);
        resourceLists.set(key, list);
      }
      return list;
    },
  };
  indexes.set(snapshot, index);
  return index;
}

/** Every policy of the snapshot, parsed, and whether it sits on the resource side. */
function* policiesOf(snapshot: Snapshot): Generator<{ policy: Policy; resourceSide: boolean }> {
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
      if (policy) yield { policy, resourceSide: false };
    }
    const resourceDocs: unknown[] = [
      ...account.roles.map((r) => r.trustPolicy),
      ...account.resources.map((r) => r.policy).filter((p) => p !== undefined),
    ];
    for (const doc of resourceDocs) {
      const policy = parse(doc);
      if (policy) yield { policy, resourceSide: true };
    }
  }
  for (const p of snapshot.organization?.policies ?? []) {
    const policy = parse(p.content);
    if (policy) yield { policy, resourceSide: p.type === 'RESOURCE_CONTROL_POLICY' };
  }
}

/** Every resource of the snapshot: the inventory, one object pattern per bucket, and the IAM entities; sorted. */
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

/**
 * The distinct resource patterns of the snapshot, indexed by their literal prefix so that each
 * resource is tested only against the patterns that can match it.
 */
class PatternTable {
  readonly ids = new Map<string, number>();
  private readonly tests: ((arn: string) => boolean)[] = [];
  private readonly variable: boolean[] = [];
  private readonly byPrefix = new Map<string, number[]>();

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
    this.variable.push(hasVariables);
    const prefix = glob.slice(0, firstWildcard(glob));
    const list = this.byPrefix.get(prefix);
    if (list) list.push(id);
    else this.byPrefix.set(prefix, [id]);
    return id;
  }

  /** The ids of the patterns that match `arn` (ascending), and whether a variable one may. */
  matching(arn: string): { ids: number[]; variable: boolean } {
    const ids: number[] = [];
    let variable = false;
    for (let end = 0; end <= arn.length; end++) {
      const candidates = this.byPrefix.get(arn.slice(0, end));
      if (!candidates) continue;
      for (const id of candidates) {
        if (!(this.tests[id] as (arn: string) => boolean)(arn)) continue;
        ids.push(id);
        variable ||= this.variable[id] as boolean;
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
  const addTo = (map: Map<string, Set<number>>, key: string, id: number) => {
    const set = map.get(key);
    if (set) set.add(id);
    else map.set(key, new Set([id]));
  };
  for (const c of classes) {
    const seen = new Set<unknown>();
    for (const { side } of c.sides.values()) {
      if (side.resourcePolicy === undefined || seen.has(side.resourcePolicy)) continue;
      seen.add(side.resourcePolicy);
      const parsed = parsePolicy(side.resourcePolicy);
      if (!parsed.ok) continue;
      for (const s of parsed.value.statements) {
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
            else if (arn.service === 'sts' && arn.resource.startsWith('assumed-role/')) {
              const role = arn.resource.split('/')[1] ?? '';
              addTo(byPrincipal, `role-name:${arn.account}:${role}`, c.id);
            } else addTo(byPrincipal, aws, c.id);
          }
        }
      }
    }
  }
  return { actions, toAll, byAccount, byPrincipal };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
