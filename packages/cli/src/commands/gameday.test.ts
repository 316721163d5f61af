import { describe, expect, it } from 'vitest';
import { runCliForTest as run } from '../testing/run-cli.js';

const org = new URL('../../../../examples/org', import.meta.url).pathname;

// examples/README.md, M6 and M4.
describe('accessloop gameday', () => {
  it('opens with the practice-only notice, then the data orders-api can reach, with commands and fixes', async () => {
    const { code, stdout, stderr } = await run(
      'gameday',
      org,
      '--principal',
      'arn:aws:iam::111122223333:role/orders-api',
      '--format',
      'markdown',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('# Game day: `arn:aws:iam::111122223333:role/orders-api`');
    expect(lines[2]).toMatch(/^> \*\*FOR TEST AND PRACTICE ENVIRONMENTS ONLY\./);
    expect(stdout).toContain('## Data it can read');
    expect(stdout).toContain(
      "`aws dynamodb get-item --table-name orders --key '<key JSON>' --region eu-west-1`",
    );
    expect(stdout).toContain('1. read the data of `arn:aws:dynamodb:eu-west-1:111122223333:table/orders`');
    expect(stdout).toMatch(/allowed by: statement \d+ .*of identity policy/);
    expect(stdout).toContain('fix: remove');
  }, 300_000);

  it('shows the escalation path of the operations role, hop by hop (M4)', async () => {
    const { code, stdout } = await run(
      'gameday',
      org,
      '--principal',
      'arn:aws:iam::111122223333:role/orders-ops-automation',
      '--format',
      'text',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('== Privilege escalation ==');
    expect(stdout).toContain('[lambda-create-invoke]');
    expect(stdout).toContain('$ aws lambda create-function --function-name gameday');
    expect(stdout).toContain('--role arn:aws:iam::111122223333:role/orders-infra-custom-resource');
  }, 300_000);

  it('exits 2 for a principal the snapshot does not have', async () => {
    const { code, stderr } = await run(
      'gameday',
      org,
      '--principal',
      'arn:aws:iam::111122223333:role/nobody',
    );
    expect(code).toBe(2);
    expect(stderr).toContain('[access.unknown-principal]');
  }, 300_000);
});
