import { describe, expect, it } from 'vitest';
import { userEntry } from '../../testing/credential-report-entry.js';
import { findUnusedUsers } from './unused-user.js';

const options = { now: '2026-11-16T07:42:10Z', days: 90 };

// password_last_used, access_key_N_last_used_date:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html#id_credentials_understanding_the_report_format
describe('unused-user', () => {
  it('compliant: a recent sign-in, a recently used key, or a user created recently', () => {
    expect(
      findUnusedUsers(
        [
          userEntry({ passwordEnabled: true, passwordLastUsed: '2026-11-01T00:00:00Z' }),
          userEntry({
            accessKeys: [
              {
                index: 2,
                active: true,
                lastRotated: '2026-01-05T00:00:00Z',
                lastUsedDate: '2026-11-10T00:00:00Z',
              },
            ],
            passwordLastUsed: '2026-01-06T00:00:00Z',
          }),
          userEntry({ userCreationTime: '2026-11-01T00:00:00Z' }),
        ],
        options,
      ),
    ).toEqual([]);
  });

  it('noncompliant 1: every credential last used more than 90 days ago (the latest is named)', () => {
    const found = findUnusedUsers(
      [
        userEntry({
          passwordEnabled: true,
          passwordLastUsed: '2026-01-20T11:34:12Z',
          accessKeys: [
            {
              index: 1,
              active: true,
              lastRotated: '2026-01-05T00:00:00Z',
              lastUsedDate: '2026-06-02T00:00:00Z',
            },
          ],
        }),
      ],
      options,
    );
    expect(found).toEqual([
      {
        id: 'unused-user',
        category: 'unused-access',
        severity: 'medium',
        principal: 'arn:aws:iam::111122223333:user/alice',
        conditional: false,
        message:
          'user `alice` last signed in or used an access key on 2026-06-02, more than 90 days ago; delete it or remove its credentials',
      },
    ]);
  });

  it('noncompliant 2: never used at all', () => {
    expect(findUnusedUsers([userEntry({})], options).map((f) => f.message)).toEqual([
      'user `alice` has never signed in nor used an access key since it was created on 2026-01-05; delete it',
    ]);
  });

  it('leaves the root user out', () => {
    expect(
      findUnusedUsers(
        [userEntry({ isRoot: true, user: '<root_account>', arn: 'arn:aws:iam::111122223333:root' })],
        options,
      ),
    ).toEqual([]);
  });
});
