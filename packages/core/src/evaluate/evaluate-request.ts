import type { CompiledPolicy } from './compile-policy.js';
import type { EvaluationRequest } from './request.js';
import { collectHits, HitList, MissingKeys, type UnknownContext } from './statement-hits.js';

/** Reused by every decision: evaluation is synchronous and never re-entered. */
const denyScratch = new HitList();
const allowScratch = new HitList();
const missingScratch = new MissingKeys();
/**
 * The empty lists of a result, shared: a decision allocates only what it must return. Frozen, so
 * that a caller changing one cannot change the next result.
 */
const none: readonly never[] = Object.freeze([]);
/** The missing allows without a level, shared (and frozen) like `none`. */
const gap = {
  identity: Object.freeze({ policyType: 'identity' }),
  permissionBoundary: Object.freeze({ policyType: 'permissionBoundary' }),
  session: Object.freeze({ policyType: 'session' }),
  resource: Object.freeze({ policyType: 'resource' }),
} as const satisfies Record<string, MissingAllow>;
/** A one-policy list for the resource-based policy or the session policy, refilled per use. */
const onePolicy: CompiledPolicy[] = [];

import type { EvaluationResult, MissingAllow, Reason } from './types.js';

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
  /**
   * Treat context keys the request lacks as unknown rather than absent (see `MissingKeys`);
   * {@link decideWithUnknowns} uses both modes to tell certain access from conditional access.
   */
  readonly unknownContext?: UnknownContext;
  /** With `unknownContext`: keys (lowercased) known to be absent from the real request. */
  readonly absentKeys?: ReadonlySet<string>;
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
  const missing = missingScratch;
  missing.reset(options.unknownContext, options.absentKeys);
  const hasIdentitySide = principal.account !== undefined && principal.kind !== 'federated';
  const hasBoundary = set.boundaries.length > 0;
  const denies = denyScratch;
  const allows = allowScratch;
  denies.clear();
  allows.clear();

  // SCP levels, each of which must allow; RCPs, which can only deny (RCPFullAWSAccess everywhere).
  let scpGaps: MissingAllow[] | undefined;
  const scpLevels = hasIdentitySide && set.scps !== undefined && scpsApply(set, request) ? set.scps : none;
  for (const level of scpLevels) {
    const id = level.orgIdentifier;
    if (collectHits('scp', id, level.policies, request, missing, denies, allows, false, false) === 0) {
      scpGaps ??= [];
      scpGaps.push({ policyType: 'scp', orgIdentifier: id });
    }
  }
  const scpAllowCount = allows.length;
  if (set.rcps !== undefined && rcpsApply(set, request, options)) {
    for (const level of set.rcps) {
      collectHits(
        'rcp',
        level.orgIdentifier,
        level.policies,
        request,
        missing,
        denies,
        undefined,
        false,
        false,
      );
    }
  }
  const resourceStart = allows.length;
  const resourceAllows = set.resource
    ? collectHits(
        'resource',
        undefined,
        only(set.resource),
        request,
        missing,
        denies,
        allows,
        true,
        hasBoundary,
      )
    : 0;
  let identityAllows = 0;
  let boundaryAllows = 0;
  let sessionAllows = 0;
  if (hasIdentitySide) {
    identityAllows = collectHits(
      'identity',
      undefined,
      set.identity,
      request,
      missing,
      denies,
      allows,
      false,
      false,
    );
    boundaryAllows = collectHits(
      'permissionBoundary',
      undefined,
      set.boundaries,
      request,
      missing,
      denies,
      allows,
      false,
      false,
    );
    if (set.session) {
      sessionAllows = collectHits(
        'session',
        undefined,
        only(set.session),
        request,
        missing,
        denies,
        allows,
        false,
        false,
      );
    }
  }

  const missingContextKeys = missing.sortedSpellings();
  if (denies.length > 0) {
    return {
      decision: 'ExplicitlyDenied',
      reasons: denies.reasons(),
      missingAllows: none,
      missingContextKeys,
    };
  }

  const boundaryOk = !hasBoundary || boundaryAllows > 0;
  // A federated user session (GetFederationToken) has only what its session policy allows: without
  // one, it has no permissions from identity-based policies.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
  const sessionOk = set.session ? sessionAllows > 0 : principal.kind !== 'federatedUser';
  const identityOk = principal.kind === 'root' || identityAllows > 0;
  const resourceRequired = isResourcePolicyRequired(request.service, request.resource.pieces);
  const sameAccount = hasIdentitySide && principal.account === request.resourceAccount;

  // Same account: a grant naming the caller (or everyone) allows on its own; a grant to a role ARN
  // only within the boundary and session policy; a grant to the account delegates to IAM policies.
  let grantsAlone: number[] | undefined;
  if (sameAccount) {
    for (let i = resourceStart; i < resourceStart + resourceAllows; i++) {
      const match = allows.matches[i];
      const alone =
        match === 'direct' || match === 'wildcard' || (match === 'role' && boundaryOk && sessionOk);
      if (alone) {
        grantsAlone ??= [];
        grantsAlone.push(i);
      }
    }
  }
  const identityPath = hasIdentitySide && identityOk && boundaryOk && sessionOk;
  const resourceOk = resourceAllows > 0;

  let allowed: boolean;
  if (!hasIdentitySide) allowed = resourceOk;
  else if (sameAccount)
    allowed = grantsAlone !== undefined || (identityPath && (!resourceRequired || resourceOk));
  else allowed = identityPath && resourceOk;
  if (allowed && scpGaps === undefined) {
    const reasons =
      grantsAlone !== undefined && !identityPath
        ? aloneReasons(allows, scpAllowCount, grantsAlone)
        : allows.reasons();
    return { decision: 'Allowed', reasons, missingAllows: none, missingContextKeys };
  }

  const gaps: MissingAllow[] = scpGaps ?? [];
  if (hasIdentitySide && grantsAlone === undefined) {
    if (!identityOk) gaps.push(gap.identity);
    if (!boundaryOk) gaps.push(gap.permissionBoundary);
    if (!sessionOk) gaps.push(gap.session);
  }
  if (!resourceOk && (!sameAccount || resourceRequired)) gaps.push(gap.resource);
  return { decision: 'ImplicitlyDenied', reasons: none, missingAllows: gaps, missingContextKeys };
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
    isTrustPolicyRequest(request.service, request.resource.pieces) &&
    (request.resource.pieces?.[5]?.startsWith('role/aws-service-role/') ?? false)
  );
}

/**
 * A KMS key's key policy must allow every use of the key: IAM policies alone never give access
 * unless the key policy grants the account.
 *
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
 */
function isKeyPolicyRequest(service: string, pieces: readonly string[] | undefined): boolean {
  return service === 'kms' && pieces?.[2] === 'kms' && (pieces[5]?.startsWith('key/') ?? false);
}

/**
 * Assuming a role (and tagging the session or setting its source identity) needs the role's
 * trust policy to allow it, in the same account as across accounts.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#term_trust-policy
 */
function isTrustPolicyRequest(service: string, pieces: readonly string[] | undefined): boolean {
  return service === 'sts' && pieces?.[2] === 'iam' && (pieces[5]?.startsWith('role/') ?? false);
}

/**
 * Whether the resource's own policy must allow a request of a service on it, whatever else
 * allows: a KMS key's key policy, a role's trust policy. `pieces` are the resource ARN's six
 * pieces (`splitArn`).
 *
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#term_trust-policy
 */
export function isResourcePolicyRequired(service: string, pieces: readonly string[] | undefined): boolean {
  return isKeyPolicyRequest(service, pieces) || isTrustPolicyRequest(service, pieces);
}

/**
 * The SCP allows, then the resource-policy grants that allow alone. A function of its own: a
 * closure over the hit list inside {@link evaluateRequest} would make V8 allocate a context on
 * every decision.
 */
function aloneReasons(allows: HitList, scpAllowCount: number, grantsAlone: readonly number[]): Reason[] {
  const reasons = allows.reasons(0, scpAllowCount);
  for (const i of grantsAlone) reasons.push(allows.reason(i));
  return reasons;
}

/** `[policy]`, without allocating. */
function only(policy: CompiledPolicy): readonly CompiledPolicy[] {
  onePolicy[0] = policy;
  return onePolicy;
}
