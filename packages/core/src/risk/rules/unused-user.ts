import type { CredentialReportEntry } from '../../usage/credential-report.js';
import { dayOf, isOlderThan, type UnusedRuleOptions } from '../../usage/days.js';
import type { Finding } from '../finding.js';

/**
 * `unused-user`: an IAM user created more than `days` days ago whose console password and access
 * keys have none of them been used in the last `days` days, by the credential report's
 * `password_last_used` and `access_key_<n>_last_used_date` columns. The root user is left out
 * (it cannot be deleted; its credentials have their own rules).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html#id_credentials_understanding_the_report_format
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#remove-credentials
 */
export function findUnusedUsers(
  report: readonly CredentialReportEntry[],
  options: UnusedRuleOptions,
): Finding[] {
  const findings: Finding[] = [];
  for (const entry of report) {
    if (entry.isRoot || !isOlderThan(entry.userCreationTime, options)) continue;
    const uses = [entry.passwordLastUsed, ...entry.accessKeys.map((k) => k.lastUsedDate)].filter(
      (time): time is string => time !== undefined,
    );
    const last = uses.sort().at(-1);
    if (last !== undefined && !isOlderThan(last, options)) continue;
    findings.push({
      id: 'unused-user',
      category: 'unused-access',
      severity: 'medium',
      principal: entry.arn,
      conditional: false,
      message:
        last === undefined
          ? `user \`${entry.user}\` has never signed in nor used an access key since it was created on ${dayOf(entry.userCreationTime)}; delete it`
          : `user \`${entry.user}\` last signed in or used an access key on ${dayOf(last)}, more than ${options.days} days ago; delete it or remove its credentials`,
    });
  }
  return findings;
}
