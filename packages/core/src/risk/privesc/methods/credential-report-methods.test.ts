/**
 * The credential report narrows `iam-create-access-key`, `iam-create-login-profile` and
 * `iam-update-login-profile` to what IAM would accept for the target user.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { WhoCanTools } from '../../../access/who-can.js';
import { userEntry } from '../../../testing/credential-report-entry.js';
import { allow, deny, loadTools, privescSnapshot } from '../../../testing/privesc-snapshot.js';
import type { CredentialReportEntry } from '../../../usage/credential-report.js';
import { findEscalations } from '../find-escalations.js';

const account = '111122223333';
const attacker = `arn:aws:iam::${account}:role/attacker`;
const alice = `arn:aws:iam::${account}:user/alice`;
const key = (index: 1 | 2) => ({ index, active: index === 1, lastRotated: '2026-02-01T00:00:00Z' });

let tools: WhoCanTools;
beforeAll(async () => {
  tools = await loadTools();
});

/** The methods found against administrator `alice` by a role allowed `actions` on users (minus `denied`). */
function methodsAgainstAlice(
  actions: readonly string[],
  report: readonly CredentialReportEntry[] | undefined,
  denied: readonly string[] = [],
): string[] {
  const snapshot = privescSnapshot({
    [account]: {
      roles: [
        {
          name: 'attacker',
          inline: {
            p: allow(actions, `arn:aws:iam::${account}:user/*`),
            ...(denied.length > 0 ? { d: deny(denied) } : {}),
          },
        },
      ],
      users: [{ name: 'alice', managed: ['arn:aws:iam::aws:policy/AdministratorAccess'] }],
    },
  });
  const result = findEscalations(snapshot, tools, undefined, report ? { credentialReport: report } : {});
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value.edges.filter((e) => e.from === attacker && e.to === alice).map((e) => e.method);
}

describe('iam-create-access-key and the two-key quota', () => {
  it('without a credential report, iam:CreateAccessKey is enough (the number of keys is unknown)', () => {
    expect(methodsAgainstAlice(['iam:CreateAccessKey'], undefined)).toEqual(['iam-create-access-key']);
  });

  it('a user with one key (active or not) gets a second one', () => {
    expect(methodsAgainstAlice(['iam:CreateAccessKey'], [userEntry({ accessKeys: [key(1)] })])).toEqual([
      'iam-create-access-key',
    ]);
  });

  it('a user with two keys: CreateAccessKey fails with LimitExceeded unless one is deleted first', () => {
    const full = [userEntry({ accessKeys: [key(1), key(2)] })];
    expect(methodsAgainstAlice(['iam:CreateAccessKey'], full)).toEqual([]);
    expect(methodsAgainstAlice(['iam:CreateAccessKey', 'iam:DeleteAccessKey'], full)).toEqual([
      'iam-create-access-key',
    ]);
    expect(
      methodsAgainstAlice(['iam:CreateAccessKey', 'iam:DeleteAccessKey'], full, ['iam:DeleteAccessKey']),
    ).toEqual([]);
  });
});

describe('login profiles and the console password', () => {
  const both = ['iam:CreateLoginProfile', 'iam:UpdateLoginProfile'];

  it('without a credential report, both methods are reported', () => {
    expect(methodsAgainstAlice(both, undefined)).toEqual([
      'iam-create-login-profile',
      'iam-update-login-profile',
    ]);
  });

  // CreateLoginProfile: EntityAlreadyExists when the user has a password.
  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html
  it('a user with a password: only a new password replaces it (update)', () => {
    expect(methodsAgainstAlice(both, [userEntry({ passwordEnabled: true })])).toEqual([
      'iam-update-login-profile',
    ]);
  });

  // UpdateLoginProfile: NoSuchEntity when the user has no password.
  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateLoginProfile.html
  it('a user without a password: only creating one works', () => {
    expect(methodsAgainstAlice(both, [userEntry({ passwordEnabled: false })])).toEqual([
      'iam-create-login-profile',
    ]);
  });

  it('a report that does not list the user leaves both', () => {
    expect(
      methodsAgainstAlice(both, [userEntry({ user: 'bob', arn: `arn:aws:iam::${account}:user/bob` })]),
    ).toEqual(['iam-create-login-profile', 'iam-update-login-profile']);
  });
});
