import type { Snapshot } from '../../snapshot/model.js';
import { dayOf, daysBetween, isOlderThan, type UnusedRuleOptions } from '../../usage/days.js';
import type { Finding } from '../finding.js';

/**
 * `unused-role`: a role not used for `days` days, by IAM's own record (`RoleLastUsed` in
 * `get-account-authorization-details`), or never used and created more than `days` days ago.
 * IAM tracks role use for the last 400 days, so "never" means "not in 400 days" for older roles.
 * Service-linked roles are left out: their service creates, uses and deletes them.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleLastUsed.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
 */
export function findUnusedRoles(snapshot: Snapshot, options: UnusedRuleOptions): Finding[] {
  const findings: Finding[] = [];
  for (const account of snapshot.accounts) {
    for (const role of account.roles) {
      if (role.serviceLinked) continue;
      let message: string | undefined;
      if (role.lastUsed !== undefined) {
        if (isOlderThan(role.lastUsed.date, options))
          message = `role \`${role.name}\` was last used on ${dayOf(role.lastUsed.date)}, ${daysBetween(role.lastUsed.date, options.now)} days ago; delete it or remove its permissions`;
      } else if (role.createDate !== undefined && isOlderThan(role.createDate, options)) {
        message = `role \`${role.name}\` has no recorded use since it was created on ${dayOf(role.createDate)} (IAM tracks the last 400 days); delete it if nothing needs it`;
      }
      if (message !== undefined)
        findings.push({
          id: 'unused-role',
          category: 'unused-access',
          severity: 'medium',
          principal: role.arn,
          conditional: false,
          message,
        });
    }
  }
  return findings;
}
