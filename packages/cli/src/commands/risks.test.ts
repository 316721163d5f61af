import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliForTest as run } from '../testing/run-cli.js';
import { tempDir } from '../testing/temp-dir.js';

const org = new URL('../../../../examples/org', import.meta.url).pathname;
const dir = tempDir('accessloop-risks-');

interface JsonFinding {
  id: string;
  path?: { from: string; to: string }[];
  severity: string;
  principal: string;
  resource?: string;
  conditional: boolean;
  message: string;
}

let findings: JsonFinding[];

beforeAll(async () => {
  const { code, stdout, stderr } = await run('risks', org, '--format', 'json');
  expect(stderr).toBe('');
  expect(code).toBe(0);
  findings = JSON.parse(stdout).findings;
}, 300_000);

const on = (resource: string) => findings.filter((f) => f.resource === resource);
const of = (principal: string) => findings.filter((f) => f.principal === principal);

// The misconfigurations and traps of examples/README.md.
describe('accessloop risks on the training organisation', () => {
  it('prints the SPEC §3 JSON shape, worst first', () => {
    for (const f of findings) {
      expect(
        Object.keys(f).every((k) =>
          [
            'id',
            'category',
            'severity',
            'principal',
            'resource',
            'method',
            'path',
            'conditional',
            'message',
          ].includes(k),
        ),
      ).toBe(true);
    }
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    const ranks = findings.map((f) => order.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('M1: the public bucket of confidential exports', () => {
    expect(on('arn:aws:s3:::reporting-exports-555566667777')).toContainEqual(
      expect.objectContaining({
        id: 'public-access',
        severity: 'critical',
        principal: '*',
        conditional: false,
      }),
    );
  });

  it('M2: the vendor trust without an external id', () => {
    expect(on('arn:aws:iam::444455556666:role/observability-vendor-integration')).toContainEqual(
      expect.objectContaining({
        id: 'cross-account-trust-without-external-id',
        principal: 'arn:aws:iam::384756102938:root',
      }),
    );
  });

  it('M3: the CI role that can do anything to IAM', () => {
    const ids = of('arn:aws:iam::555566667777:role/platform-ci-deployer').map((f) => f.id);
    expect(ids).toContain('permissions-management-on-wildcard');
    expect(ids).toContain('service-wildcard');
  });

  it('M6: the GitHub trust without a subject condition', () => {
    expect(on('arn:aws:iam::111122223333:role/orders-github-deploy')).toContainEqual(
      expect.objectContaining({ id: 'oidc-trust-without-subject', severity: 'critical' }),
    );
  });

  it('M7 and M8: the key and the secret outside accounts can use', () => {
    expect(findings).toContainEqual(
      expect.objectContaining({
        id: 'external-account-access',
        principal: 'arn:aws:iam::210987654321:root',
        resource: expect.stringMatching(/^arn:aws:kms:eu-west-1:555566667777:key\//),
      }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        id: 'external-account-access',
        principal: 'arn:aws:iam::310987654321:root',
        resource: expect.stringMatching(/:secret:platform\/npm-publish-token-/),
      }),
    );
  });

  it('M10: the NotAction user can manage permissions everywhere', () => {
    expect(of('arn:aws:iam::555566667777:user/service/jenkins-legacy').map((f) => f.id)).toContain(
      'permissions-management-on-wildcard',
    );
  });

  it('privilege escalation findings of the escalation analysis join them (M4)', () => {
    expect(of('arn:aws:iam::111122223333:role/orders-ops-automation').map((f) => f.id)).toContain(
      'lambda-create-invoke',
    );
  });

  it('M5: the unused administrator user of the management account holds administrator-level access (its idleness is `accessloop usage`)', () => {
    expect(of('arn:aws:iam::999988887777:user/bootstrap-admin').map((f) => f.id)).toContain(
      'permissions-management-on-wildcard',
    );
  });

  it('M9: the group members who can rewrite their own policy', () => {
    expect(
      findings.some(
        (f) =>
          f.principal.startsWith('arn:aws:iam::444455556666:user/') &&
          f.principal.endsWith('/priya.natarajan') &&
          (f.id === 'iam-create-policy-version' || f.id === 'iam-set-default-policy-version'),
      ),
    ).toBe(true);
  });

  it('M11: from staging to administrator in production, in two hops', () => {
    expect(
      findings.some(
        (f) =>
          f.principal.startsWith('arn:aws:iam::777788889999:role/') &&
          f.path?.length === 2 &&
          f.resource === 'arn:aws:iam::111122223333:role/orders-cfn-exec',
      ),
    ).toBe(true);
  });

  it('the intended public function URL is reported, as conditional, to be suppressed', () => {
    expect(on('arn:aws:lambda:eu-west-1:444455556666:function:payments-webhook')).toEqual([
      expect.objectContaining({ id: 'public-access', conditional: true }),
    ]);
  });

  it.each([
    ['T7: the grant the RCP cancels', 'arn:aws:s3:::payments-settlement-reports-444455556666'],
    ['T8: Principal * with aws:PrincipalOrgID', 'arn:aws:s3:::northwind-platform-artifacts-555566667777'],
    ['T8: Principal * with aws:SourceVpce', 'arn:aws:s3:::payments-internal-docs-444455556666'],
    [
      'T8: the default topic policy with AWS:SourceOwner',
      'arn:aws:sns:eu-west-1:111122223333:orders-notifications',
    ],
    ['T8: topic with aws:PrincipalOrgID', 'arn:aws:sns:eu-west-1:555566667777:platform-deploy-events'],
    [
      'contrast: siem-ingest trusts its vendor with an external id',
      'arn:aws:iam::222233334444:role/siem-ingest',
    ],
    [
      'contrast: payments-github-deploy pins the subject',
      'arn:aws:iam::444455556666:role/payments-github-deploy',
    ],
    ['contrast: CloudFront scoped to one distribution', 'arn:aws:s3:::orders-web-assets-111122223333'],
  ])('no finding on %s', (_, resource) => {
    expect(on(resource)).toEqual([]);
  });

  it('no exposure finding on the ECR repository whose policy requires the organisation (T8)', () => {
    expect(
      findings.filter(
        (f) => f.id === 'public-access' && f.resource?.includes(':repository/platform/base-images'),
      ),
    ).toEqual([]);
  });
});

describe('accessloop risks options', () => {
  it('--fail-on high exits 1 on the training organisation; a suppressions file removes findings and counts them', async () => {
    const file = join(dir, 'suppressions.yaml');
    writeFileSync(
      file,
      `suppressions:
  - id: public-access
    resource: arn:aws:lambda:eu-west-1:444455556666:function:payments-webhook
    reason: the card processor calls it; the function checks the HMAC signature
    expires: 2999-12-31
  - id: public-access
    resource: arn:aws:s3:::reporting-exports-555566667777
    reason: partner portal
    expires: 2000-01-31
`,
    );
    const { code, stdout, stderr } = await run('risks', org, '--suppressions', file, '--fail-on', 'high');
    expect(code).toBe(1);
    expect(stdout).toContain('1 finding suppressed.');
    const publicLines = stdout.split('\n').filter((l) => l.includes('`public-access`'));
    expect(publicLines.some((l) => l.includes('function:payments-webhook'))).toBe(false);
    expect(publicLines.some((l) => l.includes('reporting-exports-555566667777'))).toBe(true);
    expect(stdout).toContain('Expired suppression (no longer applied): `public-access`');
    expect(stderr).toContain('expired on 2000-01-31 and no longer applies');
    expect(stderr).toContain('[suppressions.expired]');
  }, 300_000);

  it('a bad suppressions file: one line naming the file and path, exit 2', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'suppressions:\n  - id: public-access\n    expires: 2027-01-01\n');
    const { code, stdout, stderr } = await run('risks', org, '--suppressions', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      `error: ${file}: suppressions[0].reason: \`reason\` must be a non-empty string [suppressions.invalid-entry]`,
    ]);
  });

  it('a missing suppressions file and a bad account id are exit 2', async () => {
    expect((await run('risks', org, '--suppressions', join(dir, 'none.yaml'))).code).toBe(2);
    const bad = await run('risks', org, '--known-accounts', '12345');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('[risks.invalid-account-id]');
  });

  it('an unknown --fail-on severity is a usage error', async () => {
    expect((await run('risks', org, '--fail-on', 'severe')).code).toBe(2);
  });
});

describe('accessloop risks and the credential report', () => {
  // The report narrows the escalation methods that create credentials, so risks reads it (and
  // only it of the usage files); a bad one is bad input like any other.
  it('exits 2 naming the file for a credential report that does not parse', async () => {
    const snapshot = join(dir, 'bad-credential-report');
    mkdirSync(join(snapshot, 'accounts'), { recursive: true });
    writeFileSync(join(snapshot, 'snapshot.json'), readFileSync(join(org, 'snapshot.json')));
    const account = join(snapshot, 'accounts', '111122223333');
    cpSync(join(org, 'accounts', '111122223333'), account, { recursive: true });
    writeFileSync(
      join(account, 'credential-report.csv'),
      'user,arn\nalice,arn:aws:iam::111122223333:user/alice\n',
    );
    const { code, stdout, stderr } = await run('risks', snapshot);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^error: .*credential-report\.csv: line 1: the header lacks .* \[usage\.invalid-credential-report\]\n$/,
    );
  }, 120_000);
});
