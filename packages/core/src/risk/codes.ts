/**
 * Diagnostic codes of the risk analysis's inputs (suppressions file, known accounts).
 * Stable: tools and users match on them.
 */
export const riskCodes = {
  'suppressions.expired':
    'a suppression is past its expiry date: it no longer hides its findings; fix them or renew it',
  'suppressions.invalid-yaml':
    'the suppressions file is not valid YAML (or JSON); the message gives line and column',
  'suppressions.invalid-entry':
    'a suppression lacks `id`, `reason` or `expires`, or has a value of the wrong kind; the path names it',
  'risks.invalid-account-id': 'a known account given with `--known-accounts` is not a 12-digit account id',
} as const;
