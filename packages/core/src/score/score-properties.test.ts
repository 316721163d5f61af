import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { effectiveAccessOf } from '../access/access-of.js';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { loadResourceTypeIndex, type ResourceTypeIndex } from '../catalog/resource-types.js';
import { DEFAULT_CONFIG } from '../config/default-config.js';
import type { Snapshot } from '../snapshot/model.js';
import { loadExampleOrg } from '../testing/example-org.js';
import { withRolePolicy } from '../testing/with-role-policy.js';
import { scoreAccess, scoreOf } from './score-access.js';
import { scoreModelOf, scorePrincipal } from './score-snapshot.js';

let snapshot: Snapshot;
let tools: { catalog: Catalog; resourceTypes: ResourceTypeIndex };
beforeAll(async () => {
  snapshot = loadExampleOrg();
  const catalog = await loadCatalog();
  tools = { catalog, resourceTypes: await loadResourceTypeIndex(catalog) };
});

const role = 'arn:aws:iam::111122223333:role/orders-lambda-basic';

const statement = (effect: 'Allow' | 'Deny') =>
  fc.record({
    Effect: fc.constant(effect),
    Action: fc.subarray(
      [
        's3:GetObject',
        's3:PutObject',
        's3:Get*',
        'dynamodb:GetItem',
        'dynamodb:Delete*',
        'kms:Decrypt',
        'iam:PassRole',
        'iam:List*',
        'sqs:SendMessage',
        'secretsmanager:GetSecretValue',
      ],
      { minLength: 1, maxLength: 3 },
    ),
    Resource: fc.constantFrom(
      '*',
      'arn:aws:s3:::orders-*',
      'arn:aws:s3:::*/*',
      'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
      'arn:aws:iam::111122223333:role/*',
      'arn:aws:kms:*:*:key/*',
      'arn:aws:sqs:*:111122223333:*',
    ),
    // A condition the snapshot cannot decide makes the access conditional.
    Condition: fc.constantFrom(undefined, { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }),
  });

function scoreWith(statements: readonly object[], conditionalPercent: number): number {
  const changed = withRolePolicy(snapshot, role, statements, { keepAttached: true });
  const access = effectiveAccessOf(changed, tools, role);
  if (!access.ok) throw new Error(JSON.stringify(access.diagnostics));
  const config = { ...DEFAULT_CONFIG, score: { ...DEFAULT_CONFIG.score, conditionalPercent } };
  return scorePrincipal(changed, access.value, { config }).score;
}

describe('score properties', () => {
  // A Deny never widens access, an Allow never narrows it: so a score only moves the right way.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  it('never lowers when an Allow is added, never rises when a Deny is added', () => {
    let raised = 0;
    let lowered = 0;
    fc.assert(
      fc.property(
        fc.array(statement('Allow'), { maxLength: 3 }),
        statement('Allow'),
        statement('Deny'),
        fc.constantFrom(100, 50, 0),
        (base, allow, deny, percent) => {
          const clean = (s: object) => JSON.parse(JSON.stringify(s));
          const before = scoreWith(base.map(clean), percent);
          const allowed = scoreWith([...base, allow].map(clean), percent);
          const denied = scoreWith([...base, deny].map(clean), percent);
          expect(allowed).toBeGreaterThanOrEqual(before);
          expect(denied).toBeLessThanOrEqual(before);
          if (allowed > before) raised++;
          if (denied < before) lowered++;
        },
      ),
      { numRuns: 25, seed: 4 },
    );
    // The generated policies do move scores both ways, so the property is not vacuous.
    expect(raised).toBeGreaterThan(5);
    expect(lowered).toBeGreaterThan(0);
  }, 120_000);

  // The scan keeps no contributions: it sums points per part. Both sums must agree for any
  // weights, with conditional and sensitive pairs rounded as each contribution rounds them.
  it('gives the score of its contributions without making them, for any conditional percentage and multiplier', () => {
    let conditional = 0;
    fc.assert(
      fc.property(
        fc.array(statement('Allow'), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 7 }),
        (statements, conditionalPercent, sensitiveMultiplier) => {
          const changed = withRolePolicy(snapshot, role, JSON.parse(JSON.stringify(statements)), {
            keepAttached: true,
          });
          const access = effectiveAccessOf(changed, tools, role);
          if (!access.ok) throw new Error(JSON.stringify(access.diagnostics));
          const score = { ...DEFAULT_CONFIG.score, conditionalPercent, sensitiveMultiplier };
          const model = scoreModelOf(changed, { ...DEFAULT_CONFIG, score });
          expect(scoreOf(access.value, model)).toBe(scoreAccess(access.value, model).score);
          if (access.value.grants.some((g) => g.conditional)) conditional++;
        },
      ),
      { numRuns: 25, seed: 7 },
    );
    expect(conditional).toBeGreaterThan(5);
  }, 120_000);
});
