import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCredentialReport } from './credential-report.js';

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const ROOT =
  '<root_account>,arn:aws:iam::999988887777:root,2026-01-05T14:51:36+00:00,not_supported,2026-01-05T15:26:40+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const ADMIN =
  'bootstrap-admin,arn:aws:iam::999988887777:user/bootstrap-admin,2026-01-05T15:42:32+00:00,true,2026-01-20T11:34:12+00:00,2026-01-05T15:49:08+00:00,N/A,false,true,2026-01-05T16:30:04+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';

// Columns and placeholders: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html#id_credentials_understanding_the_report_format
describe('parseCredentialReport', () => {
  it('reads the report columns, with N/A, no_information and not_supported as "no date"', () => {
    expect(parseCredentialReport(`${HEADER}\n${ROOT}\n${ADMIN}\n`)).toEqual({
      ok: true,
      diagnostics: [],
      value: [
        {
          user: '<root_account>',
          arn: 'arn:aws:iam::999988887777:root',
          isRoot: true,
          userCreationTime: '2026-01-05T14:51:36Z',
          passwordEnabled: false,
          passwordLastUsed: '2026-01-05T15:26:40Z',
          mfaActive: true,
          accessKeys: [],
        },
        {
          user: 'bootstrap-admin',
          arn: 'arn:aws:iam::999988887777:user/bootstrap-admin',
          isRoot: false,
          userCreationTime: '2026-01-05T15:42:32Z',
          passwordEnabled: true,
          passwordLastUsed: '2026-01-20T11:34:12Z',
          passwordLastChanged: '2026-01-05T15:49:08Z',
          mfaActive: false,
          accessKeys: [{ index: 1, active: true, lastRotated: '2026-01-05T16:30:04Z' }],
        },
      ],
    });
  });

  it('reads CRLF line ends and quoted fields', () => {
    const quoted = ADMIN.replace('bootstrap-admin,arn', '"bootstrap-admin",arn');
    const parsed = parseCredentialReport(`${HEADER}\r\n${quoted}\r\n`);
    expect(parsed.ok && parsed.value.map((e) => e.user)).toEqual(['bootstrap-admin']);
  });

  it('reads every credential report of the training organisation', () => {
    for (const account of [
      '111122223333',
      '222233334444',
      '444455556666',
      '555566667777',
      '666677778888',
      '999988887777',
    ]) {
      const text = readFileSync(
        new URL(`../../../../examples/org/accounts/${account}/credential-report.csv`, import.meta.url),
        'utf8',
      );
      expect(parseCredentialReport(text), account).toMatchObject({ ok: true, diagnostics: [] });
    }
  });

  it.each([
    ['', 'line 1', 'empty'],
    ['user,arn\nx,y\n', 'line 1', '`user_creation_time`'],
    [
      `${HEADER}\n${ADMIN.replace(',true,2026-01-20', ',yes,2026-01-20')}\n`,
      'line 2, password_enabled',
      '`true` or `false`',
    ],
    [
      `${HEADER}\n${ROOT}\n${ADMIN.replace('2026-01-20T11:34:12+00:00', 'last week')}\n`,
      'line 3, password_last_used',
      'ISO 8601',
    ],
    [`${HEADER}\n${ADMIN.split(',').slice(0, 5).join(',')}\n`, 'line 2', 'has 5 fields'],
    [
      `${HEADER}\n${ADMIN.replace('arn:aws:iam::999988887777:user/bootstrap-admin', 'bootstrap')}\n`,
      'line 2, arn',
      'not an IAM user',
    ],
  ])('%j is an error at %s', (text, path, message) => {
    const parsed = parseCredentialReport(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics[0]).toMatchObject({ code: 'usage.invalid-credential-report', path });
    expect(parsed.diagnostics[0]?.message).toContain(message);
  });
});
