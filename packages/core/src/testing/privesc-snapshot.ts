import type { Snapshot } from '../snapshot/model.js';
import { type AccountSpec, type Doc, testSnapshot } from './test-snapshot.js';

export { type AccountSpec, type Doc, loadTools, type RoleSpec, type UserSpec } from './test-snapshot.js';

/** One Allow statement: `allow(['iam:PassRole'], 'arn:...')`. */
export function allow(
  actions: string | readonly string[],
  resource: string | readonly string[] = '*',
  condition?: Record<string, unknown>,
): Doc {
  return {
    Statement: [
      {
        Effect: 'Allow',
        Action: actions,
        Resource: resource,
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  };
}

/** One Deny statement. */
export function deny(actions: string | readonly string[], resource: string | readonly string[] = '*'): Doc {
  return { Statement: [{ Effect: 'Deny', Action: actions, Resource: resource }] };
}

/** A trust policy letting a service principal or AWS principals assume the role. */
export function trust(principal: { Service?: string | string[]; AWS?: string | string[] }): Doc {
  return { Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] };
}

/**
 * A snapshot for privilege-escalation tests (see {@link testSnapshot}): roles trust Lambda unless
 * they say otherwise; with `scps`, an organization holds the accounts with those SCPs at the root.
 */
export function privescSnapshot(
  accounts: Readonly<Record<string, AccountSpec>>,
  scps?: readonly Doc[],
): Snapshot {
  const organization = scps ? { id: 'o-a1b2c3d4e5', managementAccountId: '999988887777', scps } : undefined;
  return testSnapshot(accounts, organization, trust({ Service: 'lambda.amazonaws.com' }));
}
