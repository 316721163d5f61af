/**
 * Reads `organization.json` (what the Organizations APIs return, gathered in one object) and
 * answers which SCPs and RCPs apply to an account, level by level from the root down.
 *
 * @see https://docs.aws.amazon.com/organizations/latest/APIReference/API_Operations.html
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 */
import { fail, hasErrors, joinPath, ok, type Result } from '../diagnostics/diagnostic.js';
import type { OrgLevelInput } from '../evaluate/types.js';
import type {
  Organization,
  OrganizationAccount,
  OrganizationalUnit,
  OrganizationPolicy,
  OrganizationPolicyType,
  OrganizationRoot,
} from './model.js';
import { readPolicyDocument } from './policy-document.js';
import {
  type Checker,
  compareStrings,
  describeType,
  isRecord,
  type JsonObject,
  optionalArray,
  optionalBoolean,
  readTagList,
  recordsOf,
  reportShape,
  requireString,
  snapshotError,
  snapshotWarning,
} from './private/fields.js';

const FIX = 'fix `organization.json`, or collect it again';
const ACCOUNT_ID = /^\d{12}$/;
const POLICY_TYPES: readonly string[] = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];

/**
 * The organization from a parsed `organization.json`:
 * `{Organization: {Id, MasterAccountId}, Roots: [{Id, Name}], OrganizationalUnits: [{Id, Name,
 * ParentId}], Accounts: [{Id, Name, Status, ParentId, Tags?}], Policies: [{Id, Name, Type,
 * AwsManaged, Content, Targets}]}`. `Content` is an object or a JSON string; a target is an id or
 * a `ListTargetsForPolicy` entry (`{TargetId, ...}`). Policies of other types than SCP and RCP
 * (tag, backup, ...) do not limit access and are skipped.
 *
 * @see https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeOrganization.html
 * @see https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListTargetsForPolicy.html
 */
export function parseOrganization(json: unknown): Result<Organization> {
  const c: Checker = { diagnostics: [], fix: FIX };
  if (!isRecord(json)) {
    reportShape(
      c,
      '',
      `expected an object with \`Organization\`, \`Roots\`, \`Accounts\`, found ${describeType(json)}`,
    );
    return fail(c.diagnostics);
  }
  const head = json.Organization;
  let id: string | undefined;
  let managementAccountId: string | undefined;
  if (isRecord(head)) {
    id = requireString(c, head, 'Id', 'Organization');
    managementAccountId = accountId(c, head, 'MasterAccountId', 'Organization');
  } else {
    reportShape(c, 'Organization', `\`Organization\` must be an object, found ${describeType(head)}`);
  }

  const ids = new Map<string, string>();
  const claim = (value: string | undefined, path: string): void => {
    if (value === undefined) return;
    const first = ids.get(value);
    if (first === undefined) ids.set(value, path);
    else {
      c.diagnostics.push(
        snapshotError(
          'snapshot.duplicate-id',
          path,
          `id \`${value}\` appears twice (also at \`${first}\`); ${FIX}`,
        ),
      );
    }
  };

  const roots: OrganizationRoot[] = [];
  const rootList = optionalArray(c, json, 'Roots', '');
  if (rootList.length === 0 && !hasErrors(c.diagnostics))
    reportShape(c, 'Roots', '`Roots` must list the root');
  for (const { item, path } of recordsOf(c, rootList, 'Roots', 'a root')) {
    const rootId = requireString(c, item, 'Id', path);
    const name = requireString(c, item, 'Name', path);
    claim(rootId, joinPath(path, 'Id'));
    if (rootId !== undefined && name !== undefined) roots.push({ id: rootId, name });
  }

  const units: { value: OrganizationalUnit; path: string }[] = [];
  for (const { item, path } of recordsOf(
    c,
    optionalArray(c, json, 'OrganizationalUnits', ''),
    'OrganizationalUnits',
    'an OU',
  )) {
    const unitId = requireString(c, item, 'Id', path);
    const name = requireString(c, item, 'Name', path);
    const parentId = requireString(c, item, 'ParentId', path);
    claim(unitId, joinPath(path, 'Id'));
    if (unitId !== undefined && name !== undefined && parentId !== undefined) {
      units.push({ value: { id: unitId, name, parentId }, path });
    }
  }

  const accounts: { value: OrganizationAccount; path: string }[] = [];
  for (const { item, path } of recordsOf(
    c,
    optionalArray(c, json, 'Accounts', ''),
    'Accounts',
    'an account',
  )) {
    const account = accountId(c, item, 'Id', path);
    const name = requireString(c, item, 'Name', path);
    const status = requireString(c, item, 'Status', path);
    const parentId = requireString(c, item, 'ParentId', path);
    const tags = readTagList(c, item, path);
    claim(account, joinPath(path, 'Id'));
    if (account !== undefined && name !== undefined && status !== undefined && parentId !== undefined) {
      accounts.push({ value: { id: account, name, status, parentId, tags }, path });
    }
  }

  const policies: { value: OrganizationPolicy; path: string }[] = [];
  for (const { item, path } of recordsOf(c, optionalArray(c, json, 'Policies', ''), 'Policies', 'a policy')) {
    const policy = readPolicy(c, item, path);
    if (policy !== undefined) {
      claim(policy.id, joinPath(path, 'Id'));
      policies.push({ value: policy, path });
    }
  }

  checkTree(c, roots, units, accounts);
  const known = new Set(ids.keys());
  for (const { value, path } of policies) {
    value.targets.forEach((target) => {
      if (known.has(target)) return;
      c.diagnostics.push(
        snapshotWarning(
          'snapshot.unknown-target',
          joinPath(path, 'Targets'),
          `policy \`${value.name}\` targets \`${target}\`, which is not a root, OU or account of the file, so it is not applied there; ${FIX}`,
        ),
      );
    });
  }

  if (id === undefined || managementAccountId === undefined || hasErrors(c.diagnostics))
    return fail(c.diagnostics);
  const byId = <T extends { readonly id: string }>(a: T, b: T) => compareStrings(a.id, b.id);
  return ok(
    {
      id,
      managementAccountId,
      roots: roots.sort(byId),
      organizationalUnits: units.map((u) => u.value).sort(byId),
      accounts: accounts.map((a) => a.value).sort(byId),
      policies: policies.map((p) => p.value).sort(byId),
    },
    c.diagnostics,
  );
}

function accountId(c: Checker, item: JsonObject, key: string, path: string): string | undefined {
  const value = requireString(c, item, key, path);
  if (value === undefined || ACCOUNT_ID.test(value)) return value;
  reportShape(c, joinPath(path, key), `\`${key}\` must be a 12-digit account id, found \`${value}\``);
  return undefined;
}

function readPolicy(c: Checker, item: JsonObject, path: string): OrganizationPolicy | undefined {
  const id = requireString(c, item, 'Id', path);
  const name = requireString(c, item, 'Name', path);
  const type = requireString(c, item, 'Type', path);
  if (type !== undefined && !POLICY_TYPES.includes(type)) return undefined;
  const awsManaged = optionalBoolean(c, item, 'AwsManaged', path) ?? false;
  const targets: string[] = [];
  optionalArray(c, item, 'Targets', path).forEach((target, index) => {
    const targetPath = joinPath(joinPath(path, 'Targets'), index);
    if (typeof target === 'string') targets.push(target);
    else if (isRecord(target) && typeof target.TargetId === 'string') targets.push(target.TargetId);
    else
      reportShape(
        c,
        targetPath,
        `a target must be an id or an object with \`TargetId\`, found ${describeType(target)}`,
      );
  });
  let content: unknown;
  if (item.Content === undefined || item.Content === null)
    reportShape(c, joinPath(path, 'Content'), '`Content` is missing');
  else {
    const decoded = readPolicyDocument(item.Content, joinPath(path, 'Content'));
    if (decoded.ok) content = decoded.value;
    else c.diagnostics.push(...decoded.diagnostics);
  }
  if (id === undefined || name === undefined || type === undefined || content === undefined) return undefined;
  return {
    id,
    name,
    type: type as OrganizationPolicyType,
    awsManaged,
    content,
    targets: [...new Set(targets)].sort(compareStrings),
  };
}

/** Every parent exists, and following parents from any OU ends at a root. Linear in the tree. */
function checkTree(
  c: Checker,
  roots: readonly OrganizationRoot[],
  units: readonly { value: OrganizationalUnit; path: string }[],
  accounts: readonly { value: OrganizationAccount; path: string }[],
): void {
  const rootIds = new Set(roots.map((r) => r.id));
  const unitsById = new Map(units.map((u) => [u.value.id, u]));
  const reportParent = (path: string, parentId: string) =>
    c.diagnostics.push(
      snapshotError(
        'snapshot.unknown-parent',
        joinPath(path, 'ParentId'),
        `parent \`${parentId}\` is not a root or OU of the file; ${FIX}`,
      ),
    );
  for (const { value, path } of [...units, ...accounts]) {
    if (!rootIds.has(value.parentId) && !unitsById.has(value.parentId)) reportParent(path, value.parentId);
  }
  // Walk up from each OU; an OU reached again on the same walk closes a cycle.
  const done = new Set<string>();
  for (const start of units) {
    const walk = new Set<string>();
    let unit: { value: OrganizationalUnit; path: string } | undefined = start;
    while (unit !== undefined && !done.has(unit.value.id)) {
      if (walk.has(unit.value.id)) {
        c.diagnostics.push(
          snapshotError(
            'snapshot.parent-cycle',
            joinPath(unit.path, 'ParentId'),
            `the OU \`${unit.value.id}\` is its own ancestor; ${FIX}`,
          ),
        );
        break;
      }
      walk.add(unit.value.id);
      unit = unitsById.get(unit.value.parentId);
    }
    for (const visited of walk) done.add(visited);
  }
}

/**
 * The SCP and RCP levels that apply to one account, root first, then each OU down the tree, then
 * the account itself: the `scps`/`rcps` of a simulate request. A list is absent when the
 * organization has no policy of that type at all (the policy type is not in use); a level with
 * no policy of a type is kept, with an empty list.
 *
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html
 */
export interface OrganizationPolicyLevels {
  readonly scps?: readonly OrgLevelInput[];
  readonly rcps?: readonly OrgLevelInput[];
}

/**
 * Indexes an organization once and returns a lookup of {@link OrganizationPolicyLevels} by
 * account id (`undefined` for an account outside the organization). Each lookup costs the depth
 * of the tree, so resolving every account stays linear.
 */
export function indexOrganizationPolicies(
  org: Organization,
): (accountId: string) => OrganizationPolicyLevels | undefined {
  const parents = new Map<string, string>();
  for (const unit of org.organizationalUnits) parents.set(unit.id, unit.parentId);
  const accountParents = new Map(org.accounts.map((a) => [a.id, a.parentId]));
  const byTarget = new Map<string, OrganizationPolicy[]>();
  for (const policy of [...org.policies].sort((a, b) => compareStrings(a.name, b.name))) {
    for (const target of policy.targets) {
      const list = byTarget.get(target) ?? [];
      list.push(policy);
      byTarget.set(target, list);
    }
  }
  const hasType = (type: OrganizationPolicyType) => org.policies.some((p) => p.type === type);
  const useScps = hasType('SERVICE_CONTROL_POLICY');
  const useRcps = hasType('RESOURCE_CONTROL_POLICY');

  return (accountId) => {
    const parentId = accountParents.get(accountId);
    if (parentId === undefined) return undefined;
    const chain = [accountId];
    for (let id: string | undefined = parentId; id !== undefined; id = parents.get(id)) {
      if (chain.length > parents.size + 2) throw new Error(`organization OU tree has a cycle through ${id}`);
      chain.push(id);
    }
    chain.reverse();
    const levels = (type: OrganizationPolicyType): OrgLevelInput[] =>
      chain.map((orgIdentifier) => ({
        orgIdentifier,
        policies: (byTarget.get(orgIdentifier) ?? [])
          .filter((p) => p.type === type)
          .map((p) => ({ name: p.name, policy: p.content })),
      }));
    return {
      ...(useScps ? { scps: levels('SERVICE_CONTROL_POLICY') } : {}),
      ...(useRcps ? { rcps: levels('RESOURCE_CONTROL_POLICY') } : {}),
    };
  };
}

interface OrganizationIndex {
  readonly levelsOf: (accountId: string) => OrganizationPolicyLevels | undefined;
  readonly byAccount: Map<string, OrganizationPolicyLevels | undefined>;
}

const indexes = new WeakMap<Organization, OrganizationIndex>();

/**
 * The {@link OrganizationPolicyLevels} of one account. The organization is indexed once and each
 * account's levels are kept (snapshots are never changed), so asking for many requests is cheap.
 */
export function organizationPolicyLevels(
  org: Organization,
  accountId: string,
): OrganizationPolicyLevels | undefined {
  let index = indexes.get(org);
  if (!index) {
    index = { levelsOf: indexOrganizationPolicies(org), byAccount: new Map() };
    indexes.set(org, index);
  }
  if (!index.byAccount.has(accountId)) index.byAccount.set(accountId, index.levelsOf(accountId));
  return index.byAccount.get(accountId);
}
