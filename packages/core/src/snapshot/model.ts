/**
 * The in-memory model of a snapshot (SPEC §2): what the loader builds from the files AWS APIs
 * return. Names are camelCase; policy documents stay parsed JSON (`unknown`) because the policy
 * parser of the evaluation engine reads them itself and reports their errors with its own paths.
 *
 * Every list is sorted by ARN (or id) so that reports diff cleanly between snapshots.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */

/** Tags as a key → value map (IAM returns `[{Key, Value}]`, resources.json gives an object). */
export type Tags = Readonly<Record<string, string>>;

/** An inline policy embedded in a user, group or role. */
export interface InlinePolicy {
  readonly name: string;
  /** The parsed policy document (URL-decoding already undone). */
  readonly document: unknown;
}

/** A managed policy attached to a user, group or role. */
export interface AttachedPolicy {
  readonly name: string;
  readonly arn: string;
}

/**
 * An IAM user.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_UserDetail.html
 */
export interface User {
  readonly name: string;
  readonly arn: string;
  readonly id?: string;
  readonly path: string;
  readonly createDate?: string;
  /** Names of the groups the user belongs to (`GroupList`), sorted. */
  readonly groups: readonly string[];
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicies: readonly AttachedPolicy[];
  /** ARN of the managed policy used as permissions boundary. */
  readonly permissionsBoundary?: string;
  readonly tags: Tags;
}

/**
 * An IAM group. `members` is derived from the users' `GroupList`: GAAD does not list members.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GroupDetail.html
 */
export interface Group {
  readonly name: string;
  readonly arn: string;
  readonly id?: string;
  readonly path: string;
  readonly createDate?: string;
  /** Names of the member users, sorted. */
  readonly members: readonly string[];
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicies: readonly AttachedPolicy[];
}

/**
 * An instance profile that carries a role to EC2.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_InstanceProfile.html
 */
export interface InstanceProfile {
  readonly name: string;
  readonly arn: string;
  readonly id?: string;
  readonly path: string;
}

/**
 * When a role was last used, as IAM tracks it (the last 400 days at most).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleLastUsed.html
 */
export interface RoleLastUsed {
  readonly date: string;
  readonly region?: string;
}

/**
 * An IAM role.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleDetail.html
 */
export interface Role {
  readonly name: string;
  readonly arn: string;
  readonly id?: string;
  readonly path: string;
  readonly createDate?: string;
  /**
   * Whether the role is service-linked (path `/aws-service-role/`). Service control policies do
   * not apply to service-linked roles.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
   */
  readonly serviceLinked: boolean;
  /** The trust policy (`AssumeRolePolicyDocument`), parsed. */
  readonly trustPolicy: unknown;
  readonly instanceProfiles: readonly InstanceProfile[];
  /** Absent when IAM has no record of use. */
  readonly lastUsed?: RoleLastUsed;
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicies: readonly AttachedPolicy[];
  /** ARN of the managed policy used as permissions boundary. */
  readonly permissionsBoundary?: string;
  readonly tags: Tags;
}

/**
 * A stored version of a customer managed policy that is not the default one. It takes part in no
 * decision: IAM evaluates only the default version, but whoever may call
 * `iam:SetDefaultPolicyVersion` can make this one the default.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyVersion.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
 */
export interface PolicyVersion {
  /** `v1`, `v2`, ... */
  readonly versionId: string;
  readonly createDate?: string;
  /** The version's document, parsed (URL-decoding already undone). */
  readonly document: unknown;
}

/**
 * A managed policy (AWS managed when its ARN's account is `aws`). Its default version is the one
 * every decision uses; the other stored versions of a customer managed policy are kept apart in
 * `otherVersions`, for the escalation analysis only.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_ManagedPolicyDetail.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
 */
export interface ManagedPolicy {
  readonly name: string;
  readonly arn: string;
  readonly id?: string;
  readonly path: string;
  readonly awsManaged: boolean;
  readonly description?: string;
  /** The version marked `IsDefaultVersion`. */
  readonly defaultVersionId: string;
  /** The default version's document, parsed. */
  readonly document: unknown;
  /**
   * The non-default versions of a customer managed policy, sorted by version number (empty when
   * the default is the only one). Absent for AWS managed policies, which a customer cannot set
   * a default version of, and in models built without them: then they are unknown.
   */
  readonly otherVersions?: readonly PolicyVersion[];
  /** Users, groups and roles the policy is attached to (`AttachmentCount`). */
  readonly attachmentCount: number;
  /** Users and roles that use it as permissions boundary (`PermissionsBoundaryUsageCount`). */
  readonly permissionsBoundaryUsageCount: number;
}

/**
 * A resource of the inventory (`resources.json`), with its resource-based policy.
 * `type` is the CloudFormation type name, such as `AWS::S3::Bucket`.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html
 */
export interface Resource {
  readonly arn: string;
  readonly type: string;
  readonly accountId: string;
  /** Empty for global resources. */
  readonly region: string;
  readonly tags: Tags;
  /** The resource-based policy, parsed; absent when the resource has none. */
  readonly policy?: unknown;
  /** Attributes that tie the resource to a role or to data (Lambda `Role`, encryption, ...). */
  readonly properties: Readonly<Record<string, unknown>>;
}

/** The IAM side of one account, as read from its `get-account-authorization-details` output. */
export interface AccountIam {
  /** The 12-digit account id. */
  readonly id: string;
  /** The ARN partition (`aws`, `aws-cn`, `aws-us-gov`); `aws` when the file has no ARN. */
  readonly partition: string;
  readonly users: readonly User[];
  readonly groups: readonly Group[];
  readonly roles: readonly Role[];
  /** Customer managed policies and the AWS managed policies the file includes. */
  readonly managedPolicies: readonly ManagedPolicy[];
}

/** One account of a snapshot. */
export interface Account extends AccountIam {
  readonly resources: readonly Resource[];
  /** Snapshot-relative path of `credential-report.csv`, when present (not parsed yet). */
  readonly credentialReportFile?: string;
  /** Snapshot-relative path of `access-advisor.json`, when present (not parsed yet). */
  readonly accessAdvisorFile?: string;
}

/** An organization root. */
export interface OrganizationRoot {
  readonly id: string;
  readonly name: string;
}

/** An organizational unit; `parentId` is a root or another OU. */
export interface OrganizationalUnit {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
}

/** An account of the organization; `parentId` is a root or an OU. */
export interface OrganizationAccount {
  readonly id: string;
  readonly name: string;
  /** `ACTIVE`, `SUSPENDED` or `PENDING_CLOSURE`. */
  readonly status: string;
  readonly parentId: string;
  readonly tags: Tags;
}

/** The two organization policy types that limit access. */
export type OrganizationPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

/**
 * A service control policy or resource control policy, with the roots, OUs and accounts it is
 * attached to.
 *
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
 */
export interface OrganizationPolicy {
  readonly id: string;
  readonly name: string;
  readonly type: OrganizationPolicyType;
  readonly awsManaged: boolean;
  /** The policy document, parsed. */
  readonly content: unknown;
  /** Root, OU and account ids, sorted. */
  readonly targets: readonly string[];
}

/**
 * The organization the accounts belong to.
 *
 * @see https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html
 */
export interface Organization {
  readonly id: string;
  readonly managementAccountId: string;
  readonly roots: readonly OrganizationRoot[];
  readonly organizationalUnits: readonly OrganizationalUnit[];
  readonly accounts: readonly OrganizationAccount[];
  /** SCPs and RCPs; other policy types (tag, backup, ...) do not limit access and are not kept. */
  readonly policies: readonly OrganizationPolicy[];
}

/** A whole snapshot: the accounts, their organization, and the files later stages read. */
export interface Snapshot {
  /** From `snapshot.json`, when present. */
  readonly collectedAt?: string;
  /** Sorted by account id. */
  readonly accounts: readonly Account[];
  readonly organization?: Organization;
  /** Snapshot-relative paths of the CloudTrail log files (not parsed yet), sorted. */
  readonly cloudTrailFiles: readonly string[];
}
