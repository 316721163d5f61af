import type { CompiledPolicy } from './compile-policy.js';
import type { EvaluationRequest } from './request.js';
import { collectHits, type Hits, type MissingKeys, type StatementHit, toReasons } from './statement-hits.js';
import type { EvaluationResult, MissingAllow } from './types.js';

/** An organization level and its compiled SCPs or RCPs. */
export interface CompiledOrgLevel {
  readonly orgIdentifier: string;
  readonly policies: readonly CompiledPolicy[];
}

/** Every policy that can take part in one decision, compiled. */
export interface PolicySet {
  readonly identity: readonly CompiledPolicy[];
  readonly boundaries: readonly CompiledPolicy[];
  readonly session?: CompiledPolicy;
  readonly resource?: CompiledPolicy;
  /** Root first, down to the principal's account; undefined when the account is in no organization. */
  readonly scps?: readonly CompiledOrgLevel[];
  /** Root first, down to the resource's account; undefined when the account is in no organization. */
  readonly rcps?: readonly CompiledOrgLevel[];
  readonly managementAccountId?: string;
}

/** What the engine needs to know of the service catalog. */
export interface EvaluationOptions {
  /** Whether resource control policies apply to a service (lowercased prefix). */
  readonly supportsRcp: (service: string) => boolean;
}

/**
 * Decides one request the way AWS does.
 *
 * 1. An explicit Deny in any applicable policy wins.
 * 2. Every SCP level must allow (for principals of member accounts other than service-linked roles).
 * 3. RCPs can only deny here: `RCPFullAWSAccess` is attached to every level and cannot be detached.
 * 4. Same account: a resource policy that names the caller allows on its own, within the limits
 *    of the boundary and session policy for grants to a role ARN; otherwise identity-based
 *    policies must allow, and so must the boundary and the session policy when present.
 *    KMS key policies and role trust policies must allow in every case.
 * 5. Across accounts: both the caller's identity side and the resource policy must allow.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
export function evaluateRequest(
  set: PolicySet,
  request: EvaluationRequest,
  options: EvaluationOptions,
): EvaluationResult {
  const principal = request.principal;
  const missing: MissingKeys = new Map();
  const hasIdentitySide = principal.account !== undefined && principal.kind !== 'federated';
  const hasBoundary = set.boundaries.length > 0;

  const scpLevels = hasIdentitySide && scpsApply(set, request) ? (set.scps ?? []) : [];
  const rcpLevels = rcpsApply(set, request, options) ? (set.rcps ?? []) : [];

  const identity = hasIdentitySide ? collectHits('identity', set.identity, request, missing) : empty();
  const boundary = hasIdentitySide
    ? collectHits('permissionBoundary', set.boundaries, request, missing)
    : empty();
  const session =
    hasIdentitySide && set.session ? collectHits('session', [set.session], request, missing) : empty();
  const resource = set.resource
    ? collectHits('resource', [set.resource], request, missing, { principalCheck: true, hasBoundary })
    : empty();
  const scps = scpLevels.map((level) => collectLevel('scp', level, request, missing));
  const rcps = rcpLevels.map((level) => collectLevel('rcp', level, request, missing));

  const missingContextKeys = [...missing.values()].sort((a, b) => compareKeys(a, b));
  const denies = [
    ...scps.flatMap((h) => h.denies),
    ...rcps.flatMap((h) => h.denies),
    ...resource.denies,
    ...identity.denies,
    ...boundary.denies,
    ...session.denies,
  ];
  if (denies.length > 0) {
    return {
      decision: 'ExplicitlyDenied',
      reasons: toReasons(denies),
      missingAllows: [],
      missingContextKeys,
    };
  }

  const gaps: MissingAllow[] = [];
  scps.forEach((hits, i) => {
    if (hits.allows.length === 0)
      gaps.push({ policyType: 'scp', orgIdentifier: scpLevels[i]?.orgIdentifier ?? '' });
  });

  const boundaryAllows = !hasBoundary || boundary.allows.length > 0;
  // A federated user session (GetFederationToken) has only what its session policy allows: without
  // one, it has no permissions from identity-based policies.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
  const sessionAllows = set.session ? session.allows.length > 0 : principal.kind !== 'federatedUser';
  const identityAllows = principal.kind === 'root' || identity.allows.length > 0;
  const resourceRequired = isKeyPolicyRequest(request) || isTrustPolicyRequest(request);
  const sameAccount = hasIdentitySide && principal.account === request.resourceAccount;

  const grantsAlone = sameAccount
    ? resource.allows.filter(
        (hit) =>
          hit.match === 'direct' ||
          hit.match === 'wildcard' ||
          (hit.match === 'role' && boundaryAllows && sessionAllows),
      )
    : [];
  const identityPath = hasIdentitySide && identityAllows && boundaryAllows && sessionAllows;
  const resourceOk = resource.allows.length > 0;

  let allowed: boolean;
  if (!hasIdentitySide) allowed = resourceOk;
  else if (sameAccount)
    allowed = grantsAlone.length > 0 || (identityPath && (!resourceRequired || resourceOk));
  else allowed = identityPath && resourceOk;
  allowed = allowed && gaps.length === 0;

  if (allowed) {
    const relied: StatementHit[] =
      grantsAlone.length > 0 && !identityPath
        ? [...scps.flatMap((h) => h.allows), ...grantsAlone]
        : [
            ...scps.flatMap((h) => h.allows),
            ...resource.allows,
            ...identity.allows,
            ...boundary.allows,
            ...session.allows,
          ];
    return { decision: 'Allowed', reasons: toReasons(relied), missingAllows: [], missingContextKeys };
  }

  if (hasIdentitySide && grantsAlone.length === 0) {
    if (!identityAllows) gaps.push({ policyType: 'identity' });
    if (!boundaryAllows) gaps.push({ policyType: 'permissionBoundary' });
    if (!sessionAllows) gaps.push({ policyType: 'session' });
  }
  if (!resourceOk && (!sameAccount || resourceRequired)) gaps.push({ policyType: 'resource' });
  return { decision: 'ImplicitlyDenied', reasons: [], missingAllows: gaps, missingContextKeys };
}

function empty(): Hits {
  return { allows: [], denies: [] };
}

function collectLevel(
  policyType: 'scp' | 'rcp',
  level: CompiledOrgLevel,
  request: EvaluationRequest,
  missing: MissingKeys,
): Hits {
  return collectHits(policyType, level.policies, request, missing, {
    policyName: (policy) => `${level.orgIdentifier}/${policy.name}`,
  });
}

/**
 * SCPs restrict the IAM users and roles (and the root user) of member accounts. They do not
 * restrict principals of the management account, nor service-linked roles.
 *
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 */
function scpsApply(set: PolicySet, request: EvaluationRequest): boolean {
  const principal = request.principal;
  return (
    set.scps !== undefined &&
    !principal.serviceLinked &&
    (set.managementAccountId === undefined || principal.account !== set.managementAccountId)
  );
}

/**
 * RCPs restrict access to the resources of member accounts for the services that support them,
 * whoever the caller is, except service-linked roles and the exempt requests; resources of the
 * management account are not affected.
 *
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
 */
function rcpsApply(set: PolicySet, request: EvaluationRequest, options: EvaluationOptions): boolean {
  return (
    set.rcps !== undefined &&
    !request.principal.serviceLinked &&
    options.supportsRcp(request.service) &&
    (set.managementAccountId === undefined || request.resourceAccount !== set.managementAccountId) &&
    !isExemptFromRcps(request)
  );
}

/**
 * The requests RCPs never restrict: `kms:RetireGrant`, and an AWS service assuming one of its
 * service-linked roles (the role's trust policy is not affected by RCPs).
 *
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#actions-not-restricted-by-rcps
 */
function isExemptFromRcps(request: EvaluationRequest): boolean {
  if (request.actionLower === 'kms:retiregrant') return true;
  return (
    request.principal.kind === 'service' &&
    isTrustPolicyRequest(request) &&
    (request.resource.pieces?.[5]?.startsWith('role/aws-service-role/') ?? false)
  );
}

/**
 * A KMS key's key policy must allow every use of the key: IAM policies alone never give access
 * unless the key policy grants the account.
 *
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
 */
function isKeyPolicyRequest(request: EvaluationRequest): boolean {
  const pieces = request.resource.pieces;
  return request.service === 'kms' && pieces?.[2] === 'kms' && (pieces[5]?.startsWith('key/') ?? false);
}

/**
 * Assuming a role (and tagging the session or setting its source identity) needs the role's
 * trust policy to allow it, in the same account as across accounts.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#term_trust-policy
 */
function isTrustPolicyRequest(request: EvaluationRequest): boolean {
  const pieces = request.resource.pieces;
  return request.service === 'sts' && pieces?.[2] === 'iam' && (pieces[5]?.startsWith('role/') ?? false);
}

function compareKeys(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
