import type { CredentialReportEntry } from '../usage/credential-report.js';

/** A credential report row for tests: user `alice`, created 2026-01-05, no credentials unless given. */
export function userEntry(extra: Partial<CredentialReportEntry>): CredentialReportEntry {
  return {
    user: 'alice',
    arn: 'arn:aws:iam::111122223333:user/alice',
    isRoot: false,
    userCreationTime: '2026-01-05T00:00:00Z',
    passwordEnabled: false,
    mfaActive: false,
    accessKeys: [],
    ...extra,
  };
}
