/**
 * What principals were seen doing: the input of par (SPEC §6) and of unused-access findings.
 * Built from CloudTrail (action level, with resources where the event names them) and from IAM
 * Access Advisor last-accessed data (service level, action level for some services).
 */

/** One action (or, from Access Advisor, a whole service) one principal used. */
export interface UsedAction {
  /** The IAM user or role ARN; role sessions are mapped back to their role. */
  readonly principal: string;
  /**
   * The IAM action as the service catalog spells it (`s3:GetObject`), or `service:*` when the
   * source only knows the service (Access Advisor's service-level data).
   */
  readonly action: string;
  /** The resource ARNs the events named, sorted; empty when the source does not say. */
  readonly resources: readonly string[];
  /** How many events (0 when the source gives no count). */
  readonly count: number;
  /** When it was last used, ISO 8601. */
  readonly lastUsed: string;
  readonly source: 'cloudtrail' | 'access-advisor';
  /** True when more distinct resources were seen than are kept (see `MAX_RESOURCES_PER_ACTION`). */
  readonly resourcesTruncated?: boolean;
}

/**
 * Whose usage the sources saw in full: a principal absent from `actions` but covered used nothing;
 * one not covered is unknown.
 */
export interface UsageCoverage {
  /** Accounts whose CloudTrail logs were read: every principal of these accounts is covered. */
  readonly accounts: readonly string[];
  /** Principals that Access Advisor reports on, sorted. */
  readonly principals: readonly string[];
}

/** Everything observed in a window. */
export interface Usage {
  /** The period the observations cover, ISO 8601; undefined when no source gave one. */
  readonly window?: { readonly start: string; readonly end: string };
  /** Sorted by principal, then action. */
  readonly actions: readonly UsedAction[];
  /** Who the sources cover; absent when unknown (then no principal counts as covered). */
  readonly coverage?: UsageCoverage;
}
