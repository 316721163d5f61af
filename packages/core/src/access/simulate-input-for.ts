import { type Diagnostic, error, fail, ok, type Result } from '../diagnostics/diagnostic.js';
import { buildRequest, type EvaluationRequest } from '../evaluate/request.js';
import type { NamedPolicyInput, OrgLevelInput, RequestInput, SimulateInput } from '../evaluate/types.js';
import { parseArn } from '../match/arn.js';
import { parseRequestPrincipal } from '../match/principal.js';
import type {
  Account,
  AttachedPolicy,
  Group,
  InlinePolicy,
  ManagedPolicy,
  Organization,
  Resource,
  Role,
  Snapshot,
  User,
} from '../snapshot/model.js';
import { organizationPolicyLevels } from '../snapshot/organization.js';

/**
 * Gathers every policy of a snapshot that takes part in one request, as a `simulate` input:
 * - the principal's identity-based policies (for a user, also those of its groups; inline and
 *   managed, the default version of each), and its permissions boundary;
 * - the SCPs of the principal's account and the RCPs of the resource's account, level by level
 *   from the root, and the management account;
 * - the resource-based policy of the resource from the inventory (an S3 object takes its bucket's
 *   policy; a Lambda function ARN may carry a version or alias; for `sts:` actions on a role, the
 *   role's trust policy).
 *
 * Context keys the snapshot knows are filled in unless the request gives them: a role session's
 * `aws:PrincipalArn` (the role's full ARN, with the path the session ARN does not carry), and
 * `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:ResourceOrgID`, `aws:ResourceOrgPaths` for
 * accounts of the organization, and `aws:RequestedRegion` (see {@link requestedRegion}).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgpaths
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function simulateInputFor(snapshot: Snapshot, request: RequestInput): Result<SimulateInput> {
  const principalSide = principalSideOf(snapshot, request.principal);
  if (!principalSide.ok) return principalSide;
  const side = principalSide.value;
  const resource = resourceSideOf(
    snapshot,
    request.resource,
    request.action,
    side.account,
    request.resourceAccount,
  );
  const context: Record<string, string | readonly string[]> = { ...(request.context ?? {}) };
  for (const filled of [side.context, resource.context, snapshotContext(snapshot)]) {
    for (const [key, value] of Object.entries(filled)) if (!hasKey(context, key)) context[key] = value;
  }
  return ok({
    request: {
      ...request,
      ...(resource.resourceAccount !== undefined ? { resourceAccount: resource.resourceAccount } : {}),
      context,
    },
    identityPolicies: side.identityPolicies,
    permissionBoundaries: side.permissionBoundaries,
    ...(side.scps ? { scps: side.scps } : {}),
    ...(resource.rcps ? { rcps: resource.rcps } : {}),
    ...(resource.resourcePolicy !== undefined ? { resourcePolicy: resource.resourcePolicy } : {}),
    ...(snapshot.organization ? { managementAccountId: snapshot.organization.managementAccountId } : {}),
  });
}

/**
 * The context keys that follow from the snapshot itself: the time of the request is taken to be
 * the time the snapshot was collected (`aws:CurrentTime`, `aws:EpochTime`), so a condition on a
 * time window is decided as of the snapshot. Empty when the snapshot has no `collectedAt`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-currenttime
 */
export function snapshotContext(snapshot: Snapshot): Readonly<Record<string, string>> {
  let context = snapshotContexts.get(snapshot);
  if (!context) {
    const at = snapshot.collectedAt === undefined ? Number.NaN : Date.parse(snapshot.collectedAt);
    context = Number.isNaN(at)
      ? {}
      : { 'aws:CurrentTime': new Date(at).toISOString(), 'aws:EpochTime': String(Math.floor(at / 1000)) };
    snapshotContexts.set(snapshot, context);
  }
  return context;
}

/** {@link snapshotContext} by snapshot (every request asks for it). */
const snapshotContexts = new WeakMap<Snapshot, Readonly<Record<string, string>>>();

/** The policies and context keys of a request that follow from its principal alone. */
export interface PrincipalSide {
  readonly account: string | undefined;
  readonly identityPolicies: readonly NamedPolicyInput[];
  readonly permissionBoundaries: readonly NamedPolicyInput[];
  readonly scps?: readonly OrgLevelInput[];
  /** `aws:PrincipalArn` for roles (with the path), `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`. */
  readonly context: Readonly<Record<string, string | readonly string[]>>;
}

/**
 * The principal's half of {@link simulateInputFor}: its identity-based policies (and its groups'),
 * its boundary, the SCP levels of its account and the context keys the snapshot knows of it.
 * Computed once per principal when many requests share it.
 */
export function principalSideOf(snapshot: Snapshot, principalArn: string): Result<PrincipalSide> {
  const principal = parseRequestPrincipal(principalArn);
  if (!principal) {
    return fail([
      error('request.malformed-arn', 'principal', `principal \`${principalArn}\` is not a principal ARN`),
    ]);
  }
  const diagnostics: Diagnostic[] = [];
  const identityPolicies: NamedPolicyInput[] = [];
  const permissionBoundaries: NamedPolicyInput[] = [];
  const context: Record<string, string | readonly string[]> = {};
  const principalAccount = snapshot.accounts.find((a) => a.id === principal.account);

  if (principal.kind === 'user' || principal.kind === 'role' || principal.kind === 'assumedRole') {
    const entity =
      principalAccount && findEntity(principalAccount, principal.kind, principalArn, principal.name);
    if (!principalAccount || !entity) {
      return fail([
        error(
          'access.unknown-principal',
          'principal',
          `\`${principalArn}\` is not a user, role or role session of the snapshot; check the ARN`,
        ),
      ]);
    }
    identityPolicies.push(...entityPolicies(principalAccount, entity.label, entity.value, diagnostics));
    if (entity.kind === 'user') {
      for (const groupName of entity.value.groups) {
        const group = entitiesOf(principalAccount).groupsByName.get(groupName);
        if (group)
          identityPolicies.push(
            ...entityPolicies(principalAccount, `group/${group.name}`, group, diagnostics),
          );
      }
    }
    if (entity.value.permissionsBoundary) {
      const boundary = managedPolicy(principalAccount, entity.value.permissionsBoundary, diagnostics);
      if (boundary) permissionBoundaries.push(boundary);
    }
    if (entity.kind === 'role') context['aws:PrincipalArn'] = entity.value.arn;
  }
  if (diagnostics.length > 0) return fail(diagnostics);

  const org = snapshot.organization;
  const scps =
    org && principal.account && principalAccount
      ? organizationPolicyLevels(org, principal.account)?.scps
      : undefined;
  const path = org && principal.account ? organizationPath(org, principal.account) : undefined;
  if (org && path) {
    context['aws:PrincipalOrgID'] = org.id;
    context['aws:PrincipalOrgPaths'] = [path];
  }
  return ok({
    account: principal.account,
    identityPolicies,
    permissionBoundaries,
    ...(scps ? { scps } : {}),
    context,
  });
}

/**
 * The request for one action on one resource by one principal, from the two halves and the
 * snapshot's own context keys. A key of the principal side wins over the resource side, and both
 * over the snapshot's time.
 */
export function requestFor(
  snapshot: Snapshot,
  principalArn: string,
  principal: PrincipalSide,
  action: string,
  resourceArn: string,
  resource: ResourceSide,
): Result<EvaluationRequest> {
  return buildRequest({
    principal: principalArn,
    action,
    resource: resourceArn,
    ...(resource.resourceAccount !== undefined ? { resourceAccount: resource.resourceAccount } : {}),
    context: { ...snapshotContext(snapshot), ...resource.context, ...principal.context },
  });
}

/** The policies and context keys of a request that follow from its resource (and action's service). */
export interface ResourceSide {
  readonly resourceAccount: string | undefined;
  readonly resourcePolicy?: unknown;
  readonly rcps?: readonly OrgLevelInput[];
  /** `aws:RequestedRegion`, `aws:ResourceOrgID`, `aws:ResourceOrgPaths`. */
  readonly context: Readonly<Record<string, string | readonly string[]>>;
}

/**
 * The resource's half of {@link simulateInputFor}: its resource-based policy (a role's trust
 * policy for `sts:` actions), the RCP levels of its account, its account, and the context keys the
 * snapshot knows of it. Depends on the action only through its service.
 */
export function resourceSideOf(
  snapshot: Snapshot,
  resourceArn: string,
  action: string,
  principalAccount: string | undefined,
  resourceAccountGiven?: string,
): ResourceSide {
  const request = { principal: '', action, resource: resourceArn };
  const resource = findResource(snapshot, request);
  const resourceAccount = resourceAccountGiven ?? resource?.accountId;
  const org = snapshot.organization;
  const rcpAccount = resourceAccount ?? parseArn(resourceArn)?.account ?? principalAccount;
  const rcps = org && rcpAccount ? organizationPolicyLevels(org, rcpAccount)?.rcps : undefined;
  const context: Record<string, string | readonly string[]> = {};
  const region = requestedRegion(request, resource);
  if (region !== undefined) context['aws:RequestedRegion'] = region;
  const path = org && rcpAccount ? organizationPath(org, rcpAccount) : undefined;
  if (org && path) {
    context['aws:ResourceOrgID'] = org.id;
    context['aws:ResourceOrgPaths'] = [path];
  }
  return {
    resourceAccount,
    ...(resource?.policy !== undefined ? { resourcePolicy: resource.policy } : {}),
    ...(rcps ? { rcps } : {}),
    context,
  };
}

type Entity = { kind: 'user'; label: string; value: User } | { kind: 'role'; label: string; value: Role };

function findEntity(
  account: Account,
  kind: 'user' | 'role' | 'assumedRole',
  arn: string,
  name: string | undefined,
): Entity | undefined {
  if (kind === 'user') {
    const user = entitiesOf(account).usersByArn.get(arn);
    return user && { kind: 'user', label: `user/${user.name}`, value: user };
  }
  // A session ARN names the role without its path; role names are unique within an account.
  const roles = entitiesOf(account);
  const role =
    roles.rolesByArn.get(arn) ??
    (kind === 'assumedRole' && name !== undefined ? roles.rolesByName.get(name) : undefined);
  return role && { kind: 'role', label: `role/${role.name}`, value: role };
}

interface AccountEntities {
  readonly usersByArn: ReadonlyMap<string, User>;
  readonly rolesByArn: ReadonlyMap<string, Role>;
  readonly rolesByName: ReadonlyMap<string, Role>;
  readonly groupsByName: ReadonlyMap<string, Group>;
  readonly policiesByArn: ReadonlyMap<string, ManagedPolicy>;
}

const entityIndexes = new WeakMap<Account, AccountEntities>();

/** An account's users, roles, groups and managed policies by key, built once per account (accounts never change). */
function entitiesOf(account: Account): AccountEntities {
  let index = entityIndexes.get(account);
  if (!index) {
    index = {
      usersByArn: new Map(account.users.map((u) => [u.arn, u])),
      rolesByArn: new Map(account.roles.map((r) => [r.arn, r])),
      rolesByName: new Map(account.roles.map((r) => [r.name, r])),
      groupsByName: new Map(account.groups.map((g) => [g.name, g])),
      policiesByArn: new Map(account.managedPolicies.map((p) => [p.arn, p])),
    };
    entityIndexes.set(account, index);
  }
  return index;
}

/** Inline policies are named `<entity>#<policy name>`; managed policies by their ARN. */
function entityPolicies(
  account: Account,
  label: string,
  entity: { inlinePolicies: readonly InlinePolicy[]; attachedPolicies: readonly AttachedPolicy[] },
  diagnostics: Diagnostic[],
): NamedPolicyInput[] {
  const inline = entity.inlinePolicies.map((p) => ({ name: `${label}#${p.name}`, policy: p.document }));
  const managed = entity.attachedPolicies
    .map((p) => managedPolicy(account, p.arn, diagnostics))
    .filter((p): p is NamedPolicyInput => p !== undefined);
  return [...inline, ...managed];
}

function managedPolicy(
  account: Account,
  arn: string,
  diagnostics: Diagnostic[],
): NamedPolicyInput | undefined {
  const policy = entitiesOf(account).policiesByArn.get(arn);
  if (!policy) {
    diagnostics.push(
      error(
        'access.missing-policy',
        'principal',
        `managed policy \`${arn}\` is attached but not in the snapshot of account ${account.id}; export it with \`get-account-authorization-details\` without a filter`,
      ),
    );
    return undefined;
  }
  return { name: policy.arn, policy: policy.document };
}

/**
 * Services with one global endpoint, physically in us-east-1, where every request goes.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html
 */
const usEast1Services = new Set([
  'iam',
  'cloudfront',
  'route53',
  'support',
  'budgets',
  'globalaccelerator',
  'importexport',
  'organizations',
  'waf',
]);

/**
 * The region a request for this resource is sent to: us-east-1 for the global services, else the
 * resource's region (from its ARN, or from the inventory for S3 buckets, whose ARNs have none).
 * Undefined when neither says.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion
 */
function requestedRegion(
  request: RequestInput,
  resource: Pick<Resource, 'region'> | undefined,
): string | undefined {
  const service = request.action.slice(0, request.action.indexOf(':')).toLowerCase();
  if (usEast1Services.has(service)) return 'us-east-1';
  const region = parseArn(request.resource)?.region || resource?.region;
  return region ? region : undefined;
}

/** The inventory entry whose resource-based policy governs the request's resource. */
function findResource(
  snapshot: Snapshot,
  request: RequestInput,
): Pick<Resource, 'accountId' | 'policy' | 'region'> | undefined {
  const arn = parseArn(request.resource);
  if (!arn) return undefined;
  const service = request.action.slice(0, request.action.indexOf(':')).toLowerCase();
  if (arn.service === 'iam' && arn.resource.startsWith('role/')) {
    const account = snapshot.accounts.find((a) => a.id === arn.account);
    const role = account && entitiesOf(account).rolesByArn.get(request.resource);
    if (!role) return undefined;
    // IAM is global: its resources have no region.
    return service === 'sts'
      ? { accountId: arn.account, region: '', policy: role.trustPolicy }
      : { accountId: arn.account, region: '' };
  }
  const candidates = [request.resource];
  if (arn.service === 's3' && arn.resource.includes('/'))
    candidates.push(`arn:${arn.partition}:s3:::${arn.resource.split('/')[0]}`);
  if (arn.service === 'lambda' && arn.resource.split(':').length > 2) {
    candidates.push(request.resource.split(':').slice(0, 7).join(':'));
  }
  const byArn = resourcesByArn(snapshot);
  for (const candidate of candidates) {
    const found = byArn.get(candidate);
    if (found) return found;
  }
  return undefined;
}

const resourceIndexes = new WeakMap<Snapshot, ReadonlyMap<string, Resource>>();

/** The inventory of a snapshot by ARN, built once per snapshot (snapshots are never changed). */
function resourcesByArn(snapshot: Snapshot): ReadonlyMap<string, Resource> {
  let index = resourceIndexes.get(snapshot);
  if (!index) {
    index = new Map(
      snapshot.accounts.flatMap((account) => account.resources.map((r) => [r.arn, r] as const)),
    );
    resourceIndexes.set(snapshot, index);
  }
  return index;
}

/**
 * The organization path of an account, `o-id/r-root/ou-parent/.../ou-child/`, as AWS gives it in
 * `aws:PrincipalOrgPaths`; undefined when the account is not in the organization.
 */
function organizationPath(org: Organization, accountId: string): string | undefined {
  const account = org.accounts.find((a) => a.id === accountId);
  if (!account) return undefined;
  const parents: string[] = [];
  let parentId: string | undefined = account.parentId;
  const seen = new Set<string>();
  while (parentId !== undefined && !seen.has(parentId)) {
    seen.add(parentId);
    parents.unshift(parentId);
    const id: string = parentId;
    parentId = org.organizationalUnits.find((ou) => ou.id === id)?.parentId;
  }
  return `${org.id}/${parents.join('/')}/`;
}

function hasKey(context: Record<string, unknown>, key: string): boolean {
  const lower = key.toLowerCase();
  return Object.keys(context).some((k) => k.toLowerCase() === lower);
}
