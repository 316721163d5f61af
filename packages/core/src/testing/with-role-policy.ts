import type { Snapshot } from '../snapshot/model.js';

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
  return {
    ...snapshot,
    accounts: snapshot.accounts.map((account) => ({
      ...account,
      roles: account.roles.map((r) =>
        r.arn === roleArn
          ? {
              ...r,
              attachedPolicies: options.keepAttached ? r.attachedPolicies : [],
              inlinePolicies: [{ name: 'test', document: { Version: '2012-10-17', Statement: statements } }],
            }
          : r,
      ),
    })),
  };
}
