import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliForTest as run } from '../testing/run-cli.js';
import { runUsage } from './usage.js';

const org = new URL('../../../../examples/org', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'accessloop-usage-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ORDERS_API = 'arn:aws:iam::111122223333:role/orders-api';

/** A copy of the orders-prod account alone, with the given CloudTrail files. */
function snapshotWith(name: string, trail: Record<string, string | Buffer>): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'accounts'), { recursive: true });
  writeFileSync(join(dir, 'snapshot.json'), readFileSync(join(org, 'snapshot.json')));
  cpSync(join(org, 'accounts', '111122223333'), join(dir, 'accounts', '111122223333'), { recursive: true });
  for (const [path, content] of Object.entries(trail)) {
    const full = join(dir, 'cloudtrail', path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

interface UsageJson {
  window: { start: string; end: string };
  actions: { principal: string; action: string; resources: string[]; count: number; source: string }[];
  coverage: { accounts: string[]; principals: string[] };
  cloudTrail: { files: number; records: number; denied: number; signIns: number };
  findings: { id: string; principal: string; severity: string; message: string }[];
}

describe('accessloop usage', () => {
  let json: UsageJson;
  beforeAll(async () => {
    const { code, stdout, stderr } = await run('usage', org, '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    json = JSON.parse(stdout);
  }, 120_000);

  it('reads the training organisation: a week of orders-prod CloudTrail and shared-services Access Advisor', () => {
    expect(json.window).toEqual({
      start: expect.stringMatching(/^2026-11-09T/),
      end: expect.stringMatching(/^2026-11-15T/),
    });
    expect(json.coverage).toEqual({
      accounts: ['111122223333'],
      principals: ['arn:aws:iam::555566667777:role/platform-ci-deployer'],
    });
    expect(json.cloudTrail).toMatchObject({ files: 14, denied: 2, signIns: 1 });
  });

  it('shows that orders-api uses a subset of its access; the refused DeleteObject is not usage', () => {
    const used = json.actions.filter((a) => a.principal === ORDERS_API).map((a) => a.action);
    expect(used).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      's3:GetObject',
      's3:PutObject',
      'secretsmanager:GetSecretValue',
      'sqs:SendMessage',
    ]);
    const unused = json.findings.filter((f) => f.principal === ORDERS_API).map((f) => f.message);
    expect(unused).toContainEqual(expect.stringContaining('`dynamodb:ConditionCheckItem`'));
    expect(unused).toContainEqual(
      expect.stringContaining('did not use 1 of them in the observed usage: `sns`'),
    );
  });

  it('finds the unused administrator user of the exercise (M5) and the stale Jenkins key (M10)', () => {
    const ids = (principal: string) =>
      json.findings.filter((f) => f.principal === principal).map((f) => f.id);
    expect(ids('arn:aws:iam::999988887777:user/bootstrap-admin')).toEqual([
      'unused-access-key',
      'unused-access-key-rotation',
      'unused-console-password',
      'unused-user',
    ]);
    expect(ids('arn:aws:iam::555566667777:user/service/jenkins-legacy')).toContain('unused-access-key');
    expect(ids('arn:aws:iam::666677778888:role/sandbox-lambda-exec')).toEqual(['unused-role']);
  });

  it('finds the services the CI role (M3) never used, from Access Advisor', () => {
    const ci = json.findings.find(
      (f) =>
        f.principal === 'arn:aws:iam::555566667777:role/platform-ci-deployer' && f.id === 'unused-service',
    );
    expect(ci?.message).toMatch(
      /did not use \d+ of them in the observed usage: .*`codebuild`, `ec2`, `secretsmanager`/,
    );
  });

  it('says it in text, findings grouped by principal', async () => {
    const { code, stdout } = await run('usage', org, '--days', '400');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Observed usage from 2026-11-09T/);
    expect(stdout).toContain('`arn:aws:iam::111122223333:role/orders-api` used:\n- `dynamodb:GetItem` 21×');
    expect(stdout).not.toContain('unused-user');
  }, 120_000);

  it('makes hostile names from the logs safe for the terminal', async () => {
    const evil = 'arn:aws:iam::111122223333:role/evil\u001b[2J';
    const record = {
      eventVersion: '1.11',
      userIdentity: { type: 'AssumedRole', sessionContext: { sessionIssuer: { type: 'Role', arn: evil } } },
      eventTime: '2026-11-15T10:00:00Z',
      eventSource: 'sqs.amazonaws.com',
      eventName: 'ListQueues',
      awsRegion: 'eu-west-1',
      recipientAccountId: '111122223333',
    };
    const dir = snapshotWith('hostile', { 'a.json': JSON.stringify({ Records: [record] }) });
    const { code, stdout } = await run('usage', dir);
    expect(code).toBe(0);
    expect(stdout).toContain('`arn:aws:iam::111122223333:role/evil\\u001b[2J` used:');
    expect(stdout).not.toContain('\u001b');
  }, 120_000);

  it('exits 2 with one line naming the file for a truncated log file, and reports every bad file', async () => {
    const text = JSON.stringify({ Records: [{ eventSource: 's3.amazonaws.com' }] });
    const gz = gzipSync(text);
    const dir = snapshotWith('truncated', {
      'a/cut.json.gz': gz.subarray(0, gz.length - 12),
      'b/bad.json': '{"Records": [',
    });
    const { code, stdout, stderr } = await run('usage', dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^error: .*cloudtrail\/a\/cut\.json\.gz: byte \d+: the gzip data is damaged or truncated .*\[usage\.invalid-cloudtrail-file\]$/,
    );
    expect(lines[1]).toMatch(
      /^error: .*cloudtrail\/b\/bad\.json: byte 13: the file ends inside the `Records` array; it is truncated \[usage\.invalid-cloudtrail-file\]$/,
    );
  }, 120_000);

  it('reads a single authorization-details file: no usage files, nothing observed', async () => {
    const { code, stdout, stderr } = await run('usage', join(org, 'accounts', '666677778888', 'iam.json'));
    expect(stderr).toMatch(/^warning: .*no `collectedAt`.* \[usage\.no-collection-time\]\n$/);
    expect(code).toBe(0);
    expect(stdout).toContain('Observed usage (no CloudTrail window)\n\nNo usage observed.');
  }, 120_000);

  it('shows progress through the log files on a terminal only', async () => {
    let stderr = '';
    const io = {
      stdout: { write: () => true },
      stderr: {
        isTTY: true,
        write: (text: string) => {
          stderr += text;
          return true;
        },
      },
    };
    expect(await runUsage(org, { format: 'json', days: '90' }, io)).toBe(0);
    expect(stderr).toContain('\rreading CloudTrail logs: 1/14 files');
    expect(stderr).toContain('\rreading CloudTrail logs: 13/14 files\r\u001b[K');
  }, 120_000);

  it('exits 2 naming the file and the place for bad Access Advisor data and a bad credential report', async () => {
    const dir = snapshotWith('bad-advisor', {});
    const account = join(dir, 'accounts', '111122223333');
    writeFileSync(
      join(account, 'access-advisor.json'),
      JSON.stringify({
        'arn:aws:iam::111122223333:role/orders-api': { JobStatus: 'FAILED', ServicesLastAccessed: [] },
      }),
    );
    writeFileSync(
      join(account, 'credential-report.csv'),
      'user,arn\nalice,arn:aws:iam::111122223333:user/alice\n',
    );
    const { code, stderr } = await run('usage', dir);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^error: .*access-advisor\.json: \["arn:aws:iam::111122223333:role\/orders-api"\]\.JobStatus: the job is `FAILED`, not `COMPLETED`; collect again when it has finished \[usage\.invalid-access-advisor\]$/,
      ),
      expect.stringMatching(
        /^error: .*credential-report\.csv: line 1: the header lacks .* \[usage\.invalid-credential-report\]$/,
      ),
    ]);
  }, 120_000);

  it('exits 2 for a bad --days', async () => {
    const { code, stderr } = await run('usage', org, '--days', 'ninety');
    expect(code).toBe(2);
    expect(stderr).toContain('`--days` must be a whole number of days');
  });
});
