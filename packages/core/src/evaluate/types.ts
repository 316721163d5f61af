/**
 * The contract of the evaluation engine: what a request and its policies look like on the wire
 * (the `simulate` input of SPEC §3), and what a decision looks like.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

import type { PolicyType } from '../policy/types.js';

export type { PolicyType };

/** The three outcomes, in AWS's words. */
export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** A named policy on the wire: the document is an object or a (possibly URL-encoded) JSON string. */
export interface NamedPolicyInput {
  readonly name: string;
  readonly policy: unknown;
}

/** One organization level (root, OU, or account) and the SCPs or RCPs attached to it. */
export interface OrgLevelInput {
  readonly orgIdentifier: string;
  readonly policies: readonly NamedPolicyInput[];
}

/** The request part of a simulate input. */
export interface RequestInput {
  /** A user, role, assumed-role session, federated user, account root, service principal, or `anonymous`. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** Defaults to the account in the resource ARN, else the principal's account. */
  readonly resourceAccount?: string;
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

/**
 * The whole simulate input (SPEC §3). `scps`/`rcps` list the organization levels from the root
 * down to the account; absent means the account is not in an organization.
 * `managementAccountId` (an accessloop extension) names the organization's management account,
 * whose principals SCPs do not affect and whose resources RCPs do not affect.
 */
export interface SimulateInput {
  readonly request: RequestInput;
  readonly identityPolicies?: readonly NamedPolicyInput[];
  readonly permissionBoundaries?: readonly NamedPolicyInput[];
  readonly scps?: readonly OrgLevelInput[];
  readonly rcps?: readonly OrgLevelInput[];
  readonly resourcePolicy?: unknown;
  readonly sessionPolicy?: unknown;
  readonly managementAccountId?: string;
}

/** A statement that decided, or helped decide, the outcome. */
export interface Reason {
  readonly policyType: PolicyType;
  /** The policy name; for SCPs and RCPs also the level: `ou-ab12-cdef34gh/DenyRegions`. */
  readonly policy: string;
  readonly statement: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
}

/** A policy type that was required to allow the request and did not. */
export interface MissingAllow {
  readonly policyType: PolicyType;
  /** For SCPs, the organization level with no allowing statement. */
  readonly orgIdentifier?: string;
}

/** The outcome of evaluating one request. */
export interface EvaluationResult {
  readonly decision: Decision;
  /** For `ExplicitlyDenied`, the matching Deny statements; for `Allowed`, the Allow statements relied on. */
  readonly reasons: readonly Reason[];
  /** For `ImplicitlyDenied`, where an Allow was required and missing (an accessloop extension). */
  readonly missingAllows: readonly MissingAllow[];
  /** Context keys read by statements that matched the action and resource but absent from the request, sorted. */
  readonly missingContextKeys: readonly string[];
}

/** A request that could not be evaluated. */
export interface EvaluationError {
  readonly error: { readonly code: string; readonly path: string; readonly message: string };
}
