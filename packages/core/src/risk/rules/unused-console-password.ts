import type { CredentialReportEntry } from '../../usage/credential-report.js';
import { dayOf, isOlderThan, type UnusedRuleOptions } from '../../usage/days.js';
import type { Finding } from '../finding.js';

/**
 * `unused-console-password`: a user with a console password (`password_enabled`) not used to
 * sign in for `days` days (`password_last_used`), or never used and set (`password_last_changed`,
 * else `user_creation_time`) more than `days` days ago. Remove the login profile.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html#id_credentials_understanding_the_report_format
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html
 */
export function findUnusedConsolePasswords(
  report: readonly CredentialReportEntry[],
  options: UnusedRuleOptions,
): Finding[] {
  const findings: Finding[] = [];
  for (const entry of report) {
    if (!entry.passwordEnabled || entry.isRoot) continue;
    let message: string | undefined;
    if (entry.passwordLastUsed !== undefined) {
      if (isOlderThan(entry.passwordLastUsed, options))
        message = `the console password of \`${entry.user}\` was last used on ${dayOf(entry.passwordLastUsed)}; remove it (delete the login profile)`;
    } else {
      const set = entry.passwordLastChanged ?? entry.userCreationTime;
      if (isOlderThan(set, options))
        message = `the console password of \`${entry.user}\` has never been used since it was set on ${dayOf(set)}; remove it (delete the login profile)`;
    }
    if (message !== undefined)
      findings.push({
        id: 'unused-console-password',
        category: 'unused-access',
        severity: 'medium',
        principal: entry.arn,
        conditional: false,
        message,
      });
  }
  return findings;
}
