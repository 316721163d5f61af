import { describe, expect, it } from 'vitest';
import { userEntry } from '../../testing/credential-report-entry.js';
import { findUnusedConsolePasswords } from './unused-console-password.js';

const options = { now: '2026-11-16T07:42:10Z', days: 90 };

// password_enabled, password_last_used, password_last_changed:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html#id_credentials_understanding_the_report_format
describe('unused-console-password', () => {
  it('compliant: used recently, no password, or set recently', () => {
    expect(
      findUnusedConsolePasswords(
        [
          userEntry({ passwordEnabled: true, passwordLastUsed: '2026-11-13T07:50:21Z' }),
          userEntry({ passwordEnabled: false, passwordLastUsed: '2026-01-01T00:00:00Z' }),
          userEntry({ passwordEnabled: true, passwordLastChanged: '2026-11-01T00:00:00Z' }),
        ],
        options,
      ),
    ).toEqual([]);
  });

  it('noncompliant 1: last used in January', () => {
    expect(
      findUnusedConsolePasswords(
        [userEntry({ passwordEnabled: true, passwordLastUsed: '2026-01-20T11:34:12Z' })],
        options,
      ),
    ).toEqual([
      {
        id: 'unused-console-password',
        category: 'unused-access',
        severity: 'medium',
        principal: 'arn:aws:iam::111122223333:user/alice',
        conditional: false,
        message:
          'the console password of `alice` was last used on 2026-01-20; remove it (delete the login profile)',
      },
    ]);
  });

  it('noncompliant 2: never used since it was set', () => {
    expect(
      findUnusedConsolePasswords(
        [userEntry({ passwordEnabled: true, passwordLastChanged: '2026-02-01T00:00:00Z' })],
        options,
      ).map((f) => f.message),
    ).toEqual([
      'the console password of `alice` has never been used since it was set on 2026-02-01; remove it (delete the login profile)',
    ]);
  });
});
