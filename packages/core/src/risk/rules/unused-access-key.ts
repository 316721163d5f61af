import type { CredentialReportEntry } from '../../usage/credential-report.js';
import { dayOf, isOlderThan, type UnusedRuleOptions } from '../../usage/days.js';
import type { Finding } from '../finding.js';

/**
 * `unused-access-key`: an active access key not used in the last `days` days, or never used
 * and created (`access_key_<n>_last_rotated`) more than `days` days ago. Unused keys are
 * credentials to leak for nothing: deactivate, then delete them. The root user's keys count too.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html#id_credentials_understanding_the_report_format
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
 */
export function findUnusedAccessKeys(
  report: readonly CredentialReportEntry[],
  options: UnusedRuleOptions,
): Finding[] {
  const findings: Finding[] = [];
  for (const entry of report) {
    for (const key of entry.accessKeys) {
      if (!key.active) continue;
      let message: string | undefined;
      if (key.lastUsedDate !== undefined) {
        if (isOlderThan(key.lastUsedDate, options))
          message = `access key ${key.index} of \`${entry.user}\` is active and was last used on ${dayOf(key.lastUsedDate)}${key.lastUsedService === undefined ? '' : ` (${key.lastUsedService})`}; deactivate and delete it`;
      } else if (key.lastRotated !== undefined && isOlderThan(key.lastRotated, options)) {
        message = `access key ${key.index} of \`${entry.user}\` is active and has never been used since it was created on ${dayOf(key.lastRotated)}; deactivate and delete it`;
      }
      if (message !== undefined)
        findings.push({
          id: 'unused-access-key',
          category: 'unused-access',
          severity: entry.isRoot ? 'high' : 'medium',
          principal: entry.arn,
          conditional: false,
          message,
        });
    }
  }
  return findings;
}
