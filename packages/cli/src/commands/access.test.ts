import { describe, expect, it } from 'vitest';
import { runCliForTest as run } from '../testing/run-cli.js';

const org = new URL('../../../../examples/org', import.meta.url).pathname;

describe('accessloop access', () => {
  it('prints the SPEC §3 JSON shape', async () => {
    const { code, stdout, stderr } = await run(
      'access',
      org,
      '--principal',
      'arn:aws:iam::111122223333:role/orders-api',
      '--format',
      'json',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.principal).toBe('arn:aws:iam::111122223333:role/orders-api');
    for (const c of result.capabilities) {
      expect(Object.keys(c).sort()).toEqual(['actions', 'capability', 'conditional', 'resources', 'service']);
    }
  });

  it('says it in plain words, critical services flagged', async () => {
    const { code, stdout } = await run(
      'access',
      org,
      '--principal',
      'arn:aws:iam::111122223333:role/orders-api',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('`arn:aws:iam::111122223333:role/orders-api` can:');
    expect(stdout).toMatch(
      /- read-data in dynamodb: 1 resource \(`arn:aws:dynamodb:eu-west-1:111122223333:table\/orders`\)/,
    );
    expect(stdout).toMatch(/in kms \(critical/);
  });

  it('exits 2 for a principal the snapshot does not have', async () => {
    const { code, stderr } = await run('access', org, '--principal', 'arn:aws:iam::111122223333:role/nobody');
    expect(code).toBe(2);
    expect(stderr).toContain('[access.unknown-principal]');
  });
});
