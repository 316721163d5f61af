import type { CredentialReportEntry } from '../../usage/credential-report.js';
import { dayOf, daysBetween, isOlderThan, type UnusedRuleOptions } from '../../usage/days.js';
import type { Finding } from '../finding.js';

/**
 * `unused-access-key-rotation`: an active access key created or last rotated more than `days`
 * days ago (`access_key_<n>_last_rotated`). AWS recommends rotating long-term access keys
 * regularly, and better, replacing them with temporary credentials.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#rotate-credentials
 */
export function findUnrotatedAccessKeys(
  report: readonly CredentialReportEntry[],
  options: UnusedRuleOptions,
): Finding[] {
  const findings: Finding[] = [];
  for (const entry of report) {
    for (const key of entry.accessKeys) {
      if (!key.active || key.lastRotated === undefined || !isOlderThan(key.lastRotated, options)) continue;
      findings.push({
        id: 'unused-access-key-rotation',
        category: 'unused-access',
        severity: 'low',
        principal: entry.arn,
        conditional: false,
        message: `access key ${key.index} of \`${entry.user}\` was created on ${dayOf(key.lastRotated)}, ${daysBetween(key.lastRotated, options.now)} days ago, and never rotated; rotate it or move to temporary credentials`,
      });
    }
  }
  return findings;
}
