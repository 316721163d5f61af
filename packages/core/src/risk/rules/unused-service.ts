import type { PrincipalAccess } from '../../access/access-of.js';
import { DEFAULT_CONFIG } from '../../config/default-config.js';
import type { UsedAction } from '../../usage/usage.js';
import type { Finding, FindingSeverity } from '../finding.js';

/** Services whose unused access weighs more: they grant control over access itself. */
/** The scoring model's critical services: unused access to them matters most. */
const CRITICAL_SERVICES: ReadonlySet<string> = new Set(DEFAULT_CONFIG.score.criticalServices);

/**
 * Permissions that no API call of their name exists for ("[permission only]" in the Service
 * Authorization Reference): no CloudTrail event or Access Advisor entry can show them used, so
 * they are never reported unused.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html
 */
export const PERMISSION_ONLY_ACTIONS: ReadonlySet<string> = new Set([
  'iam:passrole',
  'sts:tagsession',
  'sts:setsourceidentity',
]);

/** How many unused services a message names before it says "and N more". */
const NAMED = 8;

/**
 * `unused-service`: the services a principal can use (its effective access) and did not use once
 * in the observed usage: remove them from its policies. Call it only for a principal the usage
 * covers (its account's CloudTrail logs, or its Access Advisor data), else absence proves
 * nothing. One finding per principal, naming the critical services (IAM, STS, Organizations, KMS)
 * first; medium when one of them is unused, else low; conditional when every unused grant is.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#remove-credentials
 */
export function findUnusedServices(
  access: PrincipalAccess,
  used: readonly UsedAction[],
  principalName: string,
): Finding[] {
  const usedServices = new Set(used.map((u) => serviceOf(u.action)));
  const granted = new Set<string>();
  const unused = new Map<string, boolean>(); // service -> every grant of it conditional
  for (const grant of access.grants) {
    for (const action of grant.actions) {
      if (PERMISSION_ONLY_ACTIONS.has(action.toLowerCase())) continue;
      const service = serviceOf(action);
      granted.add(service);
      if (usedServices.has(service)) continue;
      unused.set(service, (unused.get(service) ?? true) && grant.conditional);
    }
  }
  if (unused.size === 0) return [];
  const services = [...unused.keys()].sort(
    (a, b) =>
      Number(CRITICAL_SERVICES.has(b)) - Number(CRITICAL_SERVICES.has(a)) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const critical = services.some((s) => CRITICAL_SERVICES.has(s));
  const severity: FindingSeverity = critical ? 'medium' : 'low';
  const named = services
    .slice(0, NAMED)
    .map((s) => `\`${s}\``)
    .join(', ');
  const more = services.length > NAMED ? ` and ${services.length - NAMED} more` : '';
  return [
    {
      id: 'unused-service',
      category: 'unused-access',
      severity,
      principal: access.principal,
      conditional: [...unused.values()].every(Boolean),
      message: `\`${principalName}\` can use ${granted.size} service${granted.size === 1 ? '' : 's'} and did not use ${services.length} of them in the observed usage: ${named}${more}; remove them from its policies`,
    },
  ];
}

/** `s3:GetObject` → `s3`. */
export function serviceOf(action: string): string {
  const colon = action.indexOf(':');
  return (colon < 0 ? action : action.slice(0, colon)).toLowerCase();
}
