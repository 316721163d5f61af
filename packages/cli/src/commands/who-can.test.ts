import { describe, expect, it } from 'vitest';
import { runCliForTest as run } from '../testing/run-cli.js';

const org = new URL('../../../../examples/org', import.meta.url).pathname;
const publicObject = 'arn:aws:s3:::reporting-exports-555566667777/2026/report.csv';

describe('accessloop who-can', () => {
  it('prints the SPEC §3 JSON shape, the public first', async () => {
    const { code, stdout, stderr } = await run(
      'who-can',
      org,
      '--resource',
      publicObject,
      '--action',
      's3:GetObject',
      '--format',
      'json',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.resource).toBe(publicObject);
    expect(result.principals[0]).toMatchObject({
      arn: 'anonymous',
      capabilities: ['read-data'],
      actions: ['s3:GetObject'],
      conditional: false,
    });
    for (const p of result.principals)
      expect(Object.keys(p)).toEqual(
        expect.arrayContaining(['arn', 'capabilities', 'actions', 'conditional', 'via']),
      );
  });

  it('explains in plain words', async () => {
    const { code, stdout } = await run(
      'who-can',
      org,
      '--resource',
      publicObject,
      '--capability',
      'read-data',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('- anyone (public, unauthenticated) [outside the account]: read-data');
    expect(stdout).toContain('via statement 0 (Sid `PartnerPortalDownload`) of resource policy');
  });

  it.each([
    [['--resource', publicObject, '--capability', 'read-everything'], 'cli.usage'],
    [['--resource', publicObject, '--action', 's3:GetObject', '--capability', 'read-data'], 'cli.usage'],
    [['--resource', 'not-an-arn'], 'request.malformed-arn'],
  ])('rejects %j with exit 2', async (args, code) => {
    const result = await run('who-can', org, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`[${code}]`);
  });
});
