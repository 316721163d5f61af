import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliForTest as run } from '../testing/run-cli.js';
import { tempDir } from '../testing/temp-dir.js';

const fixtures = new URL('../../../core/src/snapshot/fixtures/', import.meta.url).pathname;
const account = '111122223333';

/** A snapshot folder in the SPEC §2 layout, made from the loader's fixtures. */
function snapshotFolder(edit?: (iam: Record<string, unknown[]>) => void): string {
  const dir = tempDir('accessloop-can-');
  mkdirSync(join(dir, 'accounts', account), { recursive: true });
  cpSync(join(fixtures, 'organization.json'), join(dir, 'organization.json'));
  cpSync(join(fixtures, `resources-${account}.json`), join(dir, 'accounts', account, 'resources.json'));
  const iam = JSON.parse(readFileSync(join(fixtures, `iam-${account}.json`), 'utf8'));
  edit?.(iam);
  writeFileSync(join(dir, 'accounts', account, 'iam.json'), JSON.stringify(iam, null, 2));
  return dir;
}

const ask = [
  '--principal',
  'arn:aws:sts::111122223333:assumed-role/orders-api/s1',
  '--action',
  'dynamodb:GetItem',
];
const table = ['--resource', 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders'];

describe('accessloop can', () => {
  it('decides with every policy of the snapshot applied, and explains it', async () => {
    const { code, stdout, stderr } = await run(
      'can',
      snapshotFolder(),
      ...ask,
      ...table,
      '--context',
      'aws:RequestedRegion=eu-west-1',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Allowed: `arn:aws:sts::111122223333:assumed-role/orders-api/s1` can call `dynamodb:GetItem`',
    );
    expect(stdout).toContain('identity-based policy `role/orders-api#OrdersTableAccess`');
  });

  it('prints the simulate result with --format json', async () => {
    const region = ['--context', 'aws:RequestedRegion=us-west-2'];
    const { stdout } = await run('can', snapshotFolder(), ...ask, ...table, ...region, '--format', 'json');
    expect(JSON.parse(stdout)).toMatchObject({
      decision: 'ExplicitlyDenied',
      reasons: [
        expect.objectContaining({ policyType: 'scp', policy: 'ou-a1b2-wk3l9d0a/DenyOutsideEuRegions' }),
      ],
    });
  });

  it('accepts a single get-account-authorization-details file', async () => {
    const { code, stdout } = await run(
      'can',
      join(fixtures, `iam-${account}.json`),
      ...ask,
      ...table,
      '--format',
      'json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).decision).toBe('Allowed');
  });

  it('prints one line per snapshot error, with the file and JSON path, and exits 2', async () => {
    const dir = snapshotFolder((iam) => {
      const roles = iam.RoleDetailList as Record<string, unknown>[];
      roles.push({ ...roles[0] });
    });
    const { code, stdout, stderr } = await run('can', dir, ...ask, ...table);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.every((l) => l.startsWith('error: ') || l.startsWith('warning: '))).toBe(true);
    expect(stderr).toContain(`accounts/${account}/iam.json: RoleDetailList[5]`);
    expect(stderr).toContain('[snapshot.duplicate-name]');
  });

  it('leaves nothing changed when the snapshot is bad', async () => {
    const dir = snapshotFolder((iam) => {
      iam.Policies = 'oops' as unknown as unknown[];
    });
    const before = readFileSync(join(dir, 'accounts', account, 'iam.json'), 'utf8');
    expect((await run('can', dir, ...ask, ...table)).code).toBe(2);
    expect(readFileSync(join(dir, 'accounts', account, 'iam.json'), 'utf8')).toBe(before);
  });

  it.each([
    [
      ['--principal', 'arn:aws:iam::111122223333:user/nobody', '--action', 's3:GetObject', '--resource', '*'],
      'access.unknown-principal',
    ],
    [[...ask, ...table, '--context', 'novalue'], 'cli.usage'],
  ])('rejects %j with exit 2', async (args, code) => {
    const result = await run('can', snapshotFolder(), ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`[${code}]`);
  });

  it('reports a missing snapshot in one line', async () => {
    const { code, stderr } = await run('can', '/nonexistent/snapshot', ...ask, ...table);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('[input.not-found]');
  });
});
