import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshot } from './read-snapshot.js';

const FIXTURES = fileURLToPath(new URL('../../../core/src/snapshot/fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'accessloop-read-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a snapshot folder: each entry is a fixture file name to copy, or a text. */
function folder(name: string, files: Record<string, { fixture: string } | string>): string {
  const root = join(dir, name);
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    if (typeof content === 'string') writeFileSync(target, content);
    else copyFileSync(join(FIXTURES, content.fixture), target);
  }
  return root;
}

const where = (diagnostics: readonly { code: string; severity: string; path: string; file?: string }[]) =>
  diagnostics.map(({ code, severity, path, file }) => ({ code, severity, path, file }));

describe('readSnapshot', () => {
  it('reads a snapshot folder, skipping hidden files', () => {
    const root = folder('full', {
      'snapshot.json': '{"format": "accessloop-snapshot/1", "collectedAt": "2026-11-23T04:00:00Z"}',
      'organization.json': { fixture: 'organization.json' },
      'accounts/111122223333/iam.json': { fixture: 'iam-111122223333-url-encoded.json' },
      'accounts/111122223333/resources.json': { fixture: 'resources-111122223333.json' },
      'accounts/111122223333/credential-report.csv': 'user,arn\n',
      'cloudtrail/111122223333_CloudTrail_eu-west-1_20261122T0000Z_a.json.gz': '',
      '.DS_Store': '',
      '.git/config': '',
    });
    const result = readSnapshot(root);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
    expect(result.diagnostics).toEqual([]);
    expect(result.value.collectedAt).toBe('2026-11-23T04:00:00Z');
    expect(result.value.accounts.map((a) => [a.id, a.roles.length, a.resources.length])).toEqual([
      ['111122223333', 5, 5],
    ]);
    expect(result.value.accounts[0]?.credentialReportFile).toBe(
      'accounts/111122223333/credential-report.csv',
    );
    expect(result.value.cloudTrailFiles).toEqual([
      'cloudtrail/111122223333_CloudTrail_eu-west-1_20261122T0000Z_a.json.gz',
    ]);
    expect(result.value.organization?.managementAccountId).toBe('999988887777');
  });

  it('follows a symbolic link to a folder', () => {
    const root = folder('linked', {});
    const target = folder('linked-target', { 'iam.json': { fixture: 'iam-111122223333.json' } });
    mkdirSync(join(root, 'accounts'), { recursive: true });
    symlinkSync(target, join(root, 'accounts', '111122223333'));
    expect(readSnapshot(root)).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('reads a single get-account-authorization-details file as a snapshot', () => {
    const result = readSnapshot(join(FIXTURES, 'iam-111122223333-two-pages.json'));
    expect(result).toMatchObject({
      ok: true,
      diagnostics: [],
      value: { accounts: [{ id: '111122223333' }] },
    });
  });

  it('names the file of every diagnostic', () => {
    const root = folder('broken', {
      'organization.json':
        '{"Organization": {"Id": "o-a1b2c3d4e5", "MasterAccountId": "999988887777"}, "Roots": []}',
      'accounts/111122223333/iam.json': '{"UserDetailList": [}',
      'accounts/222233334444/iam.json': '',
      'notes.txt': '',
    });
    const result = readSnapshot(root);
    expect(result.ok).toBe(false);
    expect(where(result.diagnostics)).toEqual([
      { code: 'snapshot.unknown-file', severity: 'warning', path: '', file: join(root, 'notes.txt') },
      {
        code: 'snapshot.invalid-shape',
        severity: 'error',
        path: 'Roots',
        file: join(root, 'organization.json'),
      },
      {
        code: 'input.invalid-json',
        severity: 'error',
        path: '',
        file: join(root, 'accounts', '111122223333', 'iam.json'),
      },
      {
        code: 'input.empty',
        severity: 'error',
        path: '',
        file: join(root, 'accounts', '222233334444', 'iam.json'),
      },
    ]);
    expect(result.diagnostics[2]?.message).toBe(
      'invalid JSON at line 1, column 21: expected a value, found `}`; fix the file or export it again',
    );
  });

  it('names the folder when it has no account', () => {
    const root = folder('no-accounts', { 'organization.json': { fixture: 'organization.json' } });
    expect(where(readSnapshot(root).diagnostics)).toEqual([
      { code: 'snapshot.no-accounts', severity: 'error', path: '', file: root },
    ]);
  });

  it.each([
    ['a missing folder', 'missing-snapshot'],
    ['a missing file', 'missing-iam.json'],
  ])('reports %s as input.not-found', (_name, name) => {
    const path = join(dir, name);
    expect(where(readSnapshot(path).diagnostics)).toEqual([
      { code: 'input.not-found', severity: 'error', path: '', file: path },
    ]);
  });

  it('reports an empty single file as input.empty', () => {
    const path = join(dir, 'empty-iam.json');
    writeFileSync(path, '  \n');
    expect(where(readSnapshot(path).diagnostics)).toEqual([
      { code: 'input.empty', severity: 'error', path: '', file: path },
    ]);
  });

  it('reports the account of a single file that mixes accounts', () => {
    const path = join(dir, 'mixed.json');
    const arn = (account: string, name: string) => `arn:aws:iam::${account}:user/${name}`;
    writeFileSync(
      path,
      JSON.stringify({
        UserDetailList: [
          { UserName: 'a', Arn: arn('111122223333', 'a') },
          { UserName: 'b', Arn: arn('444455556666', 'b') },
        ],
      }),
    );
    expect(where(readSnapshot(path).diagnostics)).toEqual([
      { code: 'snapshot.account-mismatch', severity: 'error', path: 'UserDetailList[1].Arn', file: path },
    ]);
  });
});
