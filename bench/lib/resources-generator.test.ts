import { describe, expect, it } from 'vitest';
import { buildSnapshot, snapshotSourceFromFiles } from '../../packages/core/src/snapshot/build-snapshot.js';
import { generateGaad } from './gaad-generator.js';
import { generateResources, PARTNER_ACCOUNT } from './resources-generator.js';

const account = '111122223333';
const gaad = generateGaad({ roles: 2000, seed: 42 });
const resources = generateResources(JSON.parse(gaad));

describe('generateResources', () => {
  it('loads with the real loader, beside its account, without any diagnostic', () => {
    const built = buildSnapshot(
      snapshotSourceFromFiles([
        { path: `accounts/${account}/iam.json`, text: gaad },
        { path: `accounts/${account}/resources.json`, text: JSON.stringify(resources, null, 2) },
      ]),
    );
    expect(built.diagnostics).toEqual([]);
    if (!built.ok) throw new Error('not built');
    expect(built.value.accounts[0]?.resources).toHaveLength(resources.length);
  });

  it('holds every resource a policy names by its full ARN, once, sorted, tagged with its application', () => {
    const arns = resources.map((r) => r.arn);
    expect(arns).toEqual([...new Set(arns)].sort());
    for (const r of resources) expect(gaad.includes(`"${r.arn}"`), r.arn).toBe(true);
    const types = new Set(resources.map((r) => r.type));
    for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::SQS::Queue', 'AWS::Lambda::Function']) {
      expect(types.has(type), type).toBe(true);
    }
    const tagged = resources.filter((r) => r.tags.app !== undefined && r.tags.team !== undefined);
    expect(tagged.length / resources.length).toBeGreaterThan(0.9);
  });

  it('gives the resource-based policies real accounts have: key policies, TLS-only and shared buckets, service grants', () => {
    const policies = resources.filter((r) => r.policy !== undefined).map((r) => JSON.stringify(r.policy));
    const keys = resources.filter((r) => r.type === 'AWS::KMS::Key');
    expect(keys.every((k) => JSON.stringify(k.policy).includes(`arn:aws:iam::${account}:root`))).toBe(true);
    expect(policies.some((p) => p.includes('aws:SecureTransport'))).toBe(true);
    expect(policies.some((p) => p.includes(`arn:aws:iam::${PARTNER_ACCOUNT}:root`))).toBe(true);
    expect(policies.some((p) => p.includes('"Principal":"*"') && p.includes('s3:GetObject'))).toBe(true);
    expect(policies.some((p) => p.includes('sns.amazonaws.com'))).toBe(true);
  });

  it('gives the same inventory for the same seed, and other policies for another', () => {
    const details = JSON.parse(gaad);
    expect(generateResources(details)).toEqual(resources);
    expect(generateResources(details, { seed: 7 })).not.toEqual(resources);
  });
});
