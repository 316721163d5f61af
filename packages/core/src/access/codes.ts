/**
 * Diagnostic codes of questions asked of a snapshot (`can`, `who-can`, `access`).
 * Stable: tools and users match on them.
 */
export const accessCodes = {
  'access.unknown-principal':
    'the principal is not a user, role or role session of any account of the snapshot',
  'access.missing-policy':
    'a policy attached to the principal is not in the snapshot, so no decision can be made; export it too',
} as const;
