import { describe, expect, it } from 'vitest';
import { loadTools, riskSnapshot } from '../../testing/risk-snapshot.js';
import { createRiskContext } from '../risk-context.js';
import { publicAccess } from './public-access.js';

const bucket = (policy: unknown, name = 'data-111122223333') => ({
  arn: `arn:aws:s3:::${name}`,
  type: 'AWS::S3::Bucket',
  policy,
});
const publicRead = (extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::data-111122223333/*',
      ...extra,
    },
  ],
});

async function run(resources: Record<string, unknown>[], org?: Parameters<typeof riskSnapshot>[1]) {
  const snapshot = riskSnapshot({ '111122223333': { resources } }, org);
  return publicAccess.run(createRiskContext(snapshot, await loadTools()));
}

// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
describe('public-access', () => {
  it('noncompliant 1: a bucket policy that lets anyone read objects', async () => {
    const findings = await run([bucket(publicRead())]);
    expect(findings).toEqual([
      expect.objectContaining({
        id: 'public-access',
        severity: 'critical',
        principal: '*',
        resource: 'arn:aws:s3:::data-111122223333',
        conditional: false,
      }),
    ]);
    expect(findings[0]?.message).toContain('s3:GetObject');
  });

  it('noncompliant 2: a role trust policy that lets any AWS principal assume it', async () => {
    const snapshot = riskSnapshot({
      '111122223333': {
        roles: [
          {
            name: 'open',
            trust: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] },
          },
        ],
      },
    });
    const findings = publicAccess.run(createRiskContext(snapshot, await loadTools()));
    expect(findings.map((f) => f.resource)).toEqual(['arn:aws:iam::111122223333:role/open']);
  });

  it('noncompliant 3: a condition on something other than the caller leaves it public, conditional', async () => {
    const findings = await run([
      bucket(publicRead({ Condition: { StringEquals: { 's3:ExistingObjectTag/public': 'yes' } } })),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.conditional).toBe(true);
  });

  it.each([
    ['aws:PrincipalOrgID', { StringEquals: { 'aws:PrincipalOrgID': 'o-test123456' } }],
    ['aws:SourceVpce', { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }],
    ['aws:SourceIp', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }],
    [
      'aws:SourceArn (service-only key, absent for others)',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/E1' } },
    ],
  ])('compliant: `"Principal": "*"` restricted by %s is not public', async (_, condition) => {
    expect(await run([bucket(publicRead({ Condition: condition }))])).toEqual([]);
  });

  it('compliant (trap): a Deny for everyone but the organisation in the same policy', async () => {
    const policy = publicRead();
    const withDeny = {
      ...policy,
      Statement: [
        ...policy.Statement,
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['arn:aws:s3:::data-111122223333', 'arn:aws:s3:::data-111122223333/*'],
          Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-test123456' } },
        },
      ],
    };
    expect(await run([bucket(withDeny)])).toEqual([]);
  });

  it('compliant (trap): an RCP that denies callers outside the organisation', async () => {
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
    const rcp = {
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: {
            StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-test123456' },
            BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
          },
        },
      ],
    };
    expect(await run([bucket(publicRead())], { rcps: [rcp] })).toEqual([]);
  });

  it('compliant: a named principal is not the public', async () => {
    const policy = {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::data-111122223333/*',
        },
      ],
    };
    expect(await run([bucket(policy)])).toEqual([]);
  });
});
