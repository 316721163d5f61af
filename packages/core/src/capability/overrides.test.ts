import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from './capability.js';
import { CAPABILITY_OVERRIDES } from './overrides.js';

// The curated overrides are reviewed data: each names real-looking actions, known capabilities in
// report order, and says why. That each action exists in the service catalog, and is named once,
// is checked by the capability map build (capability-map.test.ts).
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
describe('the curated overrides', () => {
  it.each(CAPABILITY_OVERRIDES.map((o) => [o.actions[0] ?? '(none)', o] as const))(
    '%s and its group',
    (_, o) => {
      expect(o.actions.length).toBeGreaterThan(0);
      for (const action of o.actions) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
      expect(o.capabilities.length).toBeGreaterThan(0);
      expect(o.capabilities).toEqual(CAPABILITIES.filter((c) => o.capabilities.includes(c)));
      expect(o.why.length).toBeGreaterThan(10);
      expect(o.why).toMatch(/^[a-z`'A-Z]/);
      expect(o.why).not.toMatch(/\.$/);
    },
  );

  it('cover every data service the specification names', () => {
    const services = new Set(CAPABILITY_OVERRIDES.flatMap((o) => o.actions.map((a) => a.split(':')[0])));
    for (const service of [
      's3',
      'dynamodb',
      'rds',
      'rds-data',
      'rds-db',
      'redshift',
      'redshift-data',
      'kms',
      'sqs',
      'sns',
      'kinesis',
      'secretsmanager',
      'ssm',
      'elasticfilesystem',
      'glacier',
      'athena',
      'glue',
      'es',
      'ecr',
      'lambda',
      'sts',
      'iam',
      'logs',
    ]) {
      expect(services.has(service), service).toBe(true);
    }
  });
});
