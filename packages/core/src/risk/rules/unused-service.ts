import type { PrincipalAccess } from '../../access/access-of.js';
import type { UsedAction } from '../../usage/usage.js';
import type { Finding, FindingSeverity } from '../finding.js';

/** Services whose unused access weighs more: they grant control over access itself. */
const CRITICAL_SERVICES = new Set(['iam', 'sts', 'organizations', 'kms']);

/**
 * `unused-service`: a service a principal can use (its effective access) and did not use once in
 * the observed usage: remove it from its policies. Call it only for a principal the usage covers
 * (its account's CloudTrail logs, or its Access Advisor data), else absence proves nothing.
 * One finding per service; conditional when every grant of the service is.
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
  const granted = new Map<string, { actions: Set<string>; conditional: boolean }>();
  for (const grant of access.grants) {
    for (const action of grant.actions) {
      const service = serviceOf(action);
      const known = granted.get(service) ?? { actions: new Set<string>(), conditional: true };
      known.actions.add(action);
      known.conditional &&= grant.conditional;
      granted.set(service, known);
    }
  }
  const findings: Finding[] = [];
  for (const service of [...granted.keys()].sort()) {
    if (usedServices.has(service)) continue;
    const { actions, conditional } = granted.get(service) as { actions: Set<string>; conditional: boolean };
    const severity: FindingSeverity = CRITICAL_SERVICES.has(service) ? 'medium' : 'low';
    findings.push({
      id: 'unused-service',
      category: 'unused-access',
      severity,
      principal: access.principal,
      conditional,
      message: `\`${principalName}\` can call ${actions.size} \`${service}\` action${actions.size === 1 ? '' : 's'} and used none in the observed usage; remove \`${service}\` from its policies`,
    });
  }
  return findings;
}

/** `s3:GetObject` → `s3`. */
export function serviceOf(action: string): string {
  const colon = action.indexOf(':');
  return (colon < 0 ? action : action.slice(0, colon)).toLowerCase();
}
