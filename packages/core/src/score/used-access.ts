import type { AccessGrant, PrincipalAccess } from '../access/access-of.js';
import type { UsedAction } from '../usage/usage.js';
import { isBucketObjects, isPlaceholderResource } from './uninventoried-access.js';

/**
 * The part of a principal's effective access that covers what it was seen using: the
 * least-privilege access whose score is par (SPEC §6). A subset of `access`, so par never
 * exceeds the score. Per kind of observation:
 * - an action with the resources it was used on (CloudTrail): those (action, resource) pairs that
 *   are allowed; an S3 object counts as its bucket's `bucket/*` and as the key prefixes
 *   (`bucket/orders/*`) it is under; an allowed `*` pair (an action
 *   that takes no resource) and a placeholder of the floor (a resource type the inventory lacks,
 *   see `uninventoriedAccessOf`) are covered by any use of the action;
 * - an action without resources (CloudTrail events that name none, Access Advisor action-level
 *   data) or with more resources than the collector kept (`resourcesTruncated`): every allowed
 *   pair of that action, since least privilege cannot be narrower than the resources nobody
 *   recorded;
 * - a whole service (`service:*`, Access Advisor service-level data): every allowed pair of the
 *   service's actions, for the same reason.
 *
 * Actions compare case-insensitively, like IAM.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
export function usedAccessOf(access: PrincipalAccess, used: readonly UsedAction[]): PrincipalAccess {
  const wholeServices = new Set<string>();
  const wholeActions = new Set<string>();
  const usedResources = new Map<string, Set<string>>();
  for (const u of used) {
    const action = u.action.toLowerCase();
    const colon = action.indexOf(':');
    if (action.slice(colon + 1) === '*') wholeServices.add(action.slice(0, colon));
    else if (u.resources.length === 0 || u.resourcesTruncated === true) wholeActions.add(action);
    else {
      const set = usedResources.get(action) ?? new Set<string>();
      for (const r of u.resources) {
        set.add(r);
        const bucketObjects = bucketObjectsOf(r);
        if (bucketObjects !== undefined) set.add(bucketObjects);
      }
      usedResources.set(action, set);
    }
  }
  const grants: AccessGrant[] = [];
  for (const grant of access.grants) {
    const whole: string[] = [];
    for (const action of grant.actions) {
      const lower = action.toLowerCase();
      if (wholeServices.has(lower.slice(0, lower.indexOf(':'))) || wholeActions.has(lower)) {
        whole.push(action);
        continue;
      }
      const resources = usedResources.get(lower);
      if (resources === undefined) continue;
      const matched = grant.resources.filter(
        (r) =>
          r === '*' ||
          isPlaceholderResource(r) ||
          resources.has(r) ||
          (isBucketObjects(r) && someStartsWith(resources, r.slice(0, -1))),
      );
      if (matched.length > 0) grants.push({ ...grant, actions: [action], resources: matched });
    }
    if (whole.length > 0) grants.push({ ...grant, actions: whole });
  }
  return { principal: access.principal, grants };
}

/** Whether one of the used resources starts with `prefix` (an object under a key prefix a policy names). */
function someStartsWith(resources: ReadonlySet<string>, prefix: string): boolean {
  for (const r of resources) if (r.startsWith(prefix)) return true;
  return false;
}

/** `arn:aws:s3:::bucket/*` for an object ARN `arn:aws:s3:::bucket/key`, else undefined. */
function bucketObjectsOf(arn: string): string | undefined {
  const match = /^(arn:[^:]+:s3:::[^/]+)\/./.exec(arn);
  return match ? `${match[1]}/*` : undefined;
}
