import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ok } from '../diagnostics/diagnostic.js';
import {
  buildSingleAccountSnapshot,
  buildSnapshot,
  type SnapshotFile,
  type SnapshotSource,
  snapshotSourceFromFiles,
} from './build-snapshot.js';

const text = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const IAM = text('iam-111122223333.json');
const ORGANIZATION = text('organization.json');
const RESOURCES = text('resources-111122223333.json');
const EMPTY_IAM = '{"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}';

const fullSnapshot: SnapshotFile[] = [
  {
    path: 'snapshot.json',
    text: '{"format": "accessloop-snapshot/1", "collectedAt": "2026-11-23T04:00:00Z"}',
  },
  { path: 'organization.json', text: ORGANIZATION },
  { path: 'accounts/111122223333/iam.json', text: IAM },
  { path: 'accounts/111122223333/resources.json', text: RESOURCES },
  { path: 'accounts/111122223333/credential-report.csv', text: 'user,arn,user_creation_time\n' },
  { path: 'accounts/111122223333/access-advisor.json', text: '{}' },
  { path: 'accounts/222233334444/iam.json', text: EMPTY_IAM },
  { path: 'cloudtrail/111122223333/2026/11/22/a.json.gz', text: '' },
  { path: 'cloudtrail/111122223333/2026/11/21/b.json', text: '' },
];

const where = (diagnostics: readonly { code: string; severity: string; path: string; file?: string }[]) =>
  diagnostics.map(({ code, severity, path, file }) => ({ code, severity, path, file }));

describe('buildSnapshot', () => {
  it('reads every part of a snapshot folder', () => {
    const result = buildSnapshot(snapshotSourceFromFiles(fullSnapshot));
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
    expect(result.diagnostics).toEqual([]);
    const snapshot = result.value;
    expect(snapshot.collectedAt).toBe('2026-11-23T04:00:00Z');
    expect(snapshot.organization?.id).toBe('o-a1b2c3d4e5');
    expect(snapshot.accounts.map((a) => a.id)).toEqual(['111122223333', '222233334444']);
    const [orders, security] = snapshot.accounts;
    expect(orders?.roles).toHaveLength(5);
    expect(orders?.resources).toHaveLength(5);
    expect(orders?.credentialReportFile).toBe('accounts/111122223333/credential-report.csv');
    expect(orders?.accessAdvisorFile).toBe('accounts/111122223333/access-advisor.json');
    expect(security).toMatchObject({ id: '222233334444', users: [], resources: [] });
    expect(security?.credentialReportFile).toBeUndefined();
    expect(snapshot.cloudTrailFiles).toEqual([
      'cloudtrail/111122223333/2026/11/21/b.json',
      'cloudtrail/111122223333/2026/11/22/a.json.gz',
    ]);
  });

  it('reads one file at a time, and only the files it needs', () => {
    const files = snapshotSourceFromFiles(fullSnapshot);
    const read: string[] = [];
    const source: SnapshotSource = {
      paths: files.paths,
      readText: (path) => {
        read.push(path);
        return files.readText(path);
      },
    };
    expect(buildSnapshot(source).ok).toBe(true);
    expect(read.sort()).toEqual([
      'accounts/111122223333/iam.json',
      'accounts/111122223333/resources.json',
      'accounts/222233334444/iam.json',
      'organization.json',
      'snapshot.json',
    ]);
  });

  it('needs only accounts/<id>/iam.json', () => {
    const result = buildSnapshot(
      snapshotSourceFromFiles([{ path: 'accounts/111122223333/iam.json', text: IAM }]),
    );
    expect(result).toMatchObject({ ok: true, diagnostics: [], value: { cloudTrailFiles: [] } });
    expect(result.ok && result.value.organization).toBeUndefined();
  });

  it.each<{
    name: string;
    files: SnapshotFile[];
    expected: { code: string; severity: string; path: string; file: string | undefined }[];
  }>([
    {
      name: 'a folder with no account',
      files: [{ path: 'organization.json', text: ORGANIZATION }],
      expected: [{ code: 'snapshot.no-accounts', severity: 'error', path: '', file: undefined }],
    },
    {
      name: 'an account folder that does not match the ARNs',
      files: [{ path: 'accounts/222233334444/iam.json', text: IAM }],
      expected: [
        {
          code: 'snapshot.account-mismatch',
          severity: 'error',
          path: 'UserDetailList[0].Arn',
          file: 'accounts/222233334444/iam.json',
        },
      ],
    },
    {
      name: 'an account folder that is not an account id',
      files: [{ path: 'accounts/orders-prod/iam.json', text: IAM }],
      expected: [
        {
          code: 'snapshot.invalid-account-folder',
          severity: 'error',
          path: '',
          file: 'accounts/orders-prod',
        },
      ],
    },
    {
      name: 'an account folder without iam.json',
      files: [{ path: 'accounts/111122223333/resources.json', text: RESOURCES }],
      expected: [
        { code: 'snapshot.missing-file', severity: 'error', path: '', file: 'accounts/111122223333' },
      ],
    },
    {
      name: 'an empty iam.json',
      files: [{ path: 'accounts/111122223333/iam.json', text: '' }],
      expected: [
        { code: 'input.empty', severity: 'error', path: '', file: 'accounts/111122223333/iam.json' },
      ],
    },
    {
      name: 'invalid JSON in resources.json',
      files: [
        { path: 'accounts/111122223333/iam.json', text: IAM },
        { path: 'accounts/111122223333/resources.json', text: '[{"arn": }]' },
      ],
      expected: [
        {
          code: 'input.invalid-json',
          severity: 'error',
          path: '',
          file: 'accounts/111122223333/resources.json',
        },
      ],
    },
    {
      name: 'a resource of the wrong account',
      files: [
        { path: 'accounts/222233334444/iam.json', text: EMPTY_IAM },
        {
          path: 'accounts/222233334444/resources.json',
          text: RESOURCES.replace('"accountId": "111122223333"', '"accountId": "222233334444"'),
        },
      ],
      expected: [1, 2, 3, 4].map((i) => ({
        code: 'snapshot.account-mismatch',
        severity: 'error',
        path: `[${i}].accountId`,
        file: 'accounts/222233334444/resources.json',
      })),
    },
    {
      name: 'an organization.json shape error',
      files: [
        {
          path: 'organization.json',
          text: '{"Organization": {"Id": "o-a1b2c3d4e5"}, "Roots": [{"Id": "r-a1b2", "Name": "Root"}]}',
        },
        { path: 'accounts/111122223333/iam.json', text: IAM },
      ],
      expected: [
        {
          code: 'snapshot.invalid-shape',
          severity: 'error',
          path: 'Organization.MasterAccountId',
          file: 'organization.json',
        },
      ],
    },
    {
      name: 'a snapshot.json of another format',
      files: [
        { path: 'snapshot.json', text: '{"format": "accessloop-snapshot/2"}' },
        { path: 'accounts/111122223333/iam.json', text: IAM },
      ],
      expected: [
        { code: 'snapshot.unsupported-format', severity: 'error', path: 'format', file: 'snapshot.json' },
      ],
    },
    {
      name: 'a collectedAt that is not a date',
      files: [
        { path: 'snapshot.json', text: '{"format": "accessloop-snapshot/1", "collectedAt": "yesterday"}' },
        { path: 'accounts/111122223333/iam.json', text: IAM },
      ],
      expected: [
        { code: 'snapshot.invalid-shape', severity: 'error', path: 'collectedAt', file: 'snapshot.json' },
      ],
    },
  ])('reports $name', ({ files, expected }) => {
    const result = buildSnapshot(snapshotSourceFromFiles(files));
    expect(where(result.diagnostics)).toEqual(expected);
    expect(result.ok).toBe(false);
  });

  it('reports files it cannot read, with the diagnostics of the source', () => {
    const source: SnapshotSource = {
      paths: ['accounts/111122223333/iam.json'],
      readText: () => ({
        ok: false,
        diagnostics: [{ code: 'input.too-large', severity: 'error', path: '', message: 'too large' }],
      }),
    };
    expect(where(buildSnapshot(source).diagnostics)).toEqual([
      { code: 'input.too-large', severity: 'error', path: '', file: 'accounts/111122223333/iam.json' },
    ]);
  });

  it('warns about files outside the layout and accounts missing from the organization', () => {
    const result = buildSnapshot(
      snapshotSourceFromFiles([
        { path: 'organization.json', text: ORGANIZATION },
        { path: 'accounts/111122223333/iam.json', text: IAM },
        { path: 'accounts/111122223333/notes.txt', text: 'todo' },
        { path: 'accounts/123456789012/iam.json', text: EMPTY_IAM },
        { path: 'README.md', text: '# snapshot' },
        { path: 'cloudtrail/digest.txt', text: '' },
      ]),
    );
    expect(where(result.diagnostics)).toEqual([
      { code: 'snapshot.unknown-file', severity: 'warning', path: '', file: 'README.md' },
      {
        code: 'snapshot.unknown-file',
        severity: 'warning',
        path: '',
        file: 'accounts/111122223333/notes.txt',
      },
      { code: 'snapshot.unknown-file', severity: 'warning', path: '', file: 'cloudtrail/digest.txt' },
      {
        code: 'snapshot.account-not-in-organization',
        severity: 'warning',
        path: 'Accounts',
        file: 'organization.json',
      },
    ]);
    expect(result.ok).toBe(true);
  });
});

describe('buildSingleAccountSnapshot', () => {
  it('reads one GAAD file as a snapshot of its account', () => {
    const result = buildSingleAccountSnapshot(IAM);
    expect(result).toMatchObject({ ok: true, diagnostics: [], value: { cloudTrailFiles: [] } });
    if (!result.ok) return;
    expect(result.value.accounts.map((a) => [a.id, a.roles.length, a.resources.length])).toEqual([
      ['111122223333', 5, 0],
    ]);
  });

  it('matches the folder form', () => {
    const single = buildSingleAccountSnapshot(IAM);
    const folder = buildSnapshot(
      snapshotSourceFromFiles([{ path: 'accounts/111122223333/iam.json', text: IAM }]),
    );
    expect(single).toEqual(folder);
    expect(single).toEqual(ok({ accounts: expect.any(Array), cloudTrailFiles: [] }));
  });

  it.each([
    ['', 'input.empty'],
    ['{"RoleDetailList": [', 'input.invalid-json'],
    ['{"Organization": {}}', 'snapshot.invalid-shape'],
    [EMPTY_IAM, 'snapshot.unknown-account'],
  ])('reports %j as %s', (input, code) => {
    const result = buildSingleAccountSnapshot(input);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.path, d.file])).toEqual([[code, '', undefined]]);
  });
});
