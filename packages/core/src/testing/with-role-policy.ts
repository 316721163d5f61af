import type { Role, Snapshot } from '../snapshot/model.js';

/** The snapshot with each role given by `change` (the same object: unchanged); every other object is shared. */
export function withRoles(snapshot: Snapshot, change: (role: Role) => Role): Snapshot {
  return {
    ...snapshot,
    accounts: snapshot.accounts.map((account) => ({ ...account, roles: account.roles.map(change) })),
  };
}

/**
 * The snapshot with one role's policies replaced by a single inline policy of `statements`
 * (its attached managed policies too, unless `keepAttached`); every other object is shared.
 */
export function withRolePolicy(
  snapshot: Snapshot,
  roleArn: string,
  statements: readonly object[],
  options: { readonly keepAttached?: boolean } = {},
): Snapshot {
  return withRoles(snapshot, (r) =>
    r.arn === roleArn
      ? {
          ...r,
          attachedPolicies: options.keepAttached ? r.attachedPolicies : [],
          inlinePolicies: [{ name: 'test', document: { Version: '2012-10-17', Statement: statements } }],
        }
      : r,
  );
}
