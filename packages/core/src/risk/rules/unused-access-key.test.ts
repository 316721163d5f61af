import { describe, expect, it } from 'vitest';
import { userEntry } from '../../testing/credential-report-entry.js';
import { findUnusedAccessKeys } from './unused-access-key.js';
import { findUnrotatedAccessKeys } from './unused-access-key-rotation.js';

const options = { now: '2026-11-16T07:42:10Z', days: 90 };

// access_key_N_active, _last_rotated, _last_used_date:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html#id_credentials_understanding_the_report_format
describe('unused-access-key', () => {
  it('compliant: a key used recently, an inactive key, a new key not used yet', () => {
    const entry = userEntry({
      accessKeys: [
        { index: 1, active: true, lastRotated: '2026-09-01T00:00:00Z', lastUsedDate: '2026-11-15T00:00:00Z' },
        { index: 2, active: false, lastRotated: '2025-01-01T00:00:00Z' },
      ],
    });
    const fresh = userEntry({
      accessKeys: [{ index: 1, active: true, lastRotated: '2026-11-01T00:00:00Z' }],
    });
    expect(findUnusedAccessKeys([entry, fresh], options)).toEqual([]);
  });

  it('noncompliant 1: an active key last used in June', () => {
    const entry = userEntry({
      accessKeys: [
        {
          index: 1,
          active: true,
          lastRotated: '2026-01-10T00:00:00Z',
          lastUsedDate: '2026-06-02T09:00:00Z',
          lastUsedService: 's3',
        },
      ],
    });
    expect(findUnusedAccessKeys([entry], options)).toEqual([
      {
        id: 'unused-access-key',
        category: 'unused-access',
        severity: 'medium',
        principal: 'arn:aws:iam::111122223333:user/alice',
        conditional: false,
        message:
          'access key 1 of `alice` is active and was last used on 2026-06-02 (s3); deactivate and delete it',
      },
    ]);
  });

  it('noncompliant 2: an active key never used; a root key is high severity', () => {
    const root = userEntry({
      user: '<root_account>',
      arn: 'arn:aws:iam::111122223333:root',
      isRoot: true,
      accessKeys: [{ index: 2, active: true, lastRotated: '2026-01-05T00:00:00Z' }],
    });
    expect(findUnusedAccessKeys([root], options)).toMatchObject([
      {
        severity: 'high',
        message:
          'access key 2 of `<root_account>` is active and has never been used since it was created on 2026-01-05; deactivate and delete it',
      },
    ]);
  });
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#rotate-credentials
describe('unused-access-key-rotation', () => {
  it('compliant: a key rotated within 90 days, an inactive old key', () => {
    const entry = userEntry({
      accessKeys: [
        { index: 1, active: true, lastRotated: '2026-10-01T00:00:00Z', lastUsedDate: '2026-11-15T00:00:00Z' },
        { index: 2, active: false, lastRotated: '2025-01-01T00:00:00Z' },
      ],
    });
    expect(findUnrotatedAccessKeys([entry], options)).toEqual([]);
  });

  it('noncompliant 1: an active key in use but older than 90 days', () => {
    const entry = userEntry({
      accessKeys: [
        { index: 1, active: true, lastRotated: '2026-01-10T00:00:00Z', lastUsedDate: '2026-11-15T00:00:00Z' },
      ],
    });
    expect(findUnrotatedAccessKeys([entry], options)).toEqual([
      {
        id: 'unused-access-key-rotation',
        category: 'unused-access',
        severity: 'low',
        principal: 'arn:aws:iam::111122223333:user/alice',
        conditional: false,
        message:
          'access key 1 of `alice` was created on 2026-01-10, 310 days ago, and never rotated; rotate it or move to temporary credentials',
      },
    ]);
  });
});
