import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/catalog.js';
import { decideWithUnknowns } from './decide-with-unknowns.js';
import type { EvaluationOptions } from './evaluate-request.js';
import { createSimulator, type Simulator } from './simulate.js';
import type { EvaluationResult, RequestInput } from './types.js';

let simulator: Simulator;
let options: EvaluationOptions;
beforeAll(async () => {
  const catalog = await loadCatalog();
  simulator = createSimulator(catalog);
  options = { supportsRcp: (service) => catalog.supportsRcp(service) };
});

const user = 'arn:aws:iam::111122223333:user/alice';
const bucketObject = 'arn:aws:s3:::orders/2026/x.json';

function decide(statements: unknown[], context: Record<string, string> = {}, resource = bucketObject) {
  const prepared = simulator.prepare({
    request: { principal: user, action: 's3:GetObject', resource, context },
    identityPolicies: [{ name: 'p', policy: { Version: '2012-10-17', Statement: statements } }],
  });
  if ('error' in prepared) throw new Error(JSON.stringify(prepared.error));
  return decideWithUnknowns(prepared.policies, prepared.request, options);
}

const allow = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::orders/*' };

// Conditions on keys a request may or may not carry decide access only once the request is known.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
describe('decideWithUnknowns', () => {
  it('allows for certain when no statement reads an unknown key', () => {
    expect(decide([allow])).toMatchObject({ outcome: 'Allowed', keys: [] });
  });

  it('is conditional on the key of an Allow condition the data cannot decide', () => {
    const vpcOnly = { ...allow, Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } };
    expect(decide([vpcOnly])).toMatchObject({ outcome: 'Conditional', keys: ['aws:SourceVpc'] });
    expect(decide([vpcOnly], { 'aws:SourceVpc': 'vpc-1' }).outcome).toBe('Allowed');
    expect(decide([vpcOnly], { 'aws:SourceVpc': 'vpc-2' }).outcome).toBe('Denied');
  });

  it('is conditional when a Deny may or may not apply', () => {
    const noMfaDeny = {
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    };
    expect(decide([allow, noMfaDeny])).toMatchObject({
      outcome: 'Conditional',
      keys: ['aws:MultiFactorAuthPresent'],
    });
    expect(decide([allow, noMfaDeny], { 'aws:MultiFactorAuthPresent': 'true' }).outcome).toBe('Allowed');
  });

  it('treats IfExists on an unknown key as conditional, not as allowed', () => {
    // Absent at request time it would allow; present with another value it would not.
    const ifExists = { ...allow, Condition: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } } };
    expect(decide([ifExists]).outcome).toBe('Conditional');
  });

  it('denies for certain when a known condition fails, whatever the unknown ones', () => {
    const both = {
      ...allow,
      Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1', 'aws:username': 'bob' } },
    };
    expect(decide([both]).outcome).toBe('Denied');
  });

  it('denies for certain when an unconditional Deny matches', () => {
    expect(decide([allow, { Effect: 'Deny', Action: 's3:*', Resource: '*' }]).outcome).toBe('Denied');
  });

  it('is conditional on a resource variable whose key is unknown', () => {
    const tagged = {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::orders/${aws:PrincipalTag/team}/*',
    };
    expect(decide([tagged], {}, 'arn:aws:s3:::orders/payments/x')).toMatchObject({
      outcome: 'Conditional',
      keys: ['aws:principaltag/team'],
    });
    expect(
      decide([tagged], { 'aws:PrincipalTag/team': 'payments' }, 'arn:aws:s3:::orders/payments/x').outcome,
    ).toBe('Allowed');
  });
});

// "the aws:SourceAccount condition key is only available when the call to your resource is made
// directly by an AWS service principal": for a user it is absent, not unknown.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount
describe('keys only AWS services carry', () => {
  const topicPolicy = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: 'arn:aws:sns:eu-west-1:111122223333:alerts',
        Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
      },
    ],
  };
  const decideFor = (principal: string) => {
    const prepared = simulator.prepare({
      request: { principal, action: 'sns:Publish', resource: 'arn:aws:sns:eu-west-1:111122223333:alerts' },
      resourcePolicy: topicPolicy,
    });
    if ('error' in prepared) throw new Error(JSON.stringify(prepared.error));
    return decideWithUnknowns(prepared.policies, prepared.request, options);
  };

  it('are absent for an IAM principal: the grant certainly does not apply', () => {
    expect(decideFor('arn:aws:iam::444455556666:user/mallory').outcome).toBe('Denied');
  });

  it('are not reported as the keys an IAM principal depends on', () => {
    const both = structuredClone(topicPolicy);
    (both.Statement[0] as { Condition: Record<string, unknown> }).Condition = {
      StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' },
      StringEquals: { 'aws:SourceVpc': 'vpc-1' },
    };
    const prepared = simulator.prepare({
      request: {
        principal: 'arn:aws:iam::444455556666:user/mallory',
        action: 'sns:Publish',
        resource: 'arn:aws:sns:eu-west-1:111122223333:alerts',
      },
      resourcePolicy: both,
      identityPolicies: [
        {
          name: 'p',
          policy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }],
          },
        },
      ],
    });
    if ('error' in prepared) throw new Error(JSON.stringify(prepared.error));
    expect(decideWithUnknowns(prepared.policies, prepared.request, options)).toMatchObject({
      outcome: 'Conditional',
      keys: ['aws:SourceVpc'],
    });
  });

  it('are unknown for a service principal: the grant is conditional on them', () => {
    expect(decideFor('s3.amazonaws.com')).toMatchObject({
      outcome: 'Conditional',
      keys: ['aws:SourceAccount'],
    });
  });
});

interface CorpusCase {
  readonly name: string;
  readonly request: RequestInput;
  readonly policies?: Record<string, unknown>;
  readonly expected: { readonly decision?: string };
}

/**
 * Differential check over the whole evaluation corpus: the request's own context is one possible
 * context, so an Allowed request is never `Denied` for certain and a denied one never `Allowed`
 * for certain; and where the request lacks no key, the outcome is exactly the engine's decision.
 */
describe('decideWithUnknowns against the evaluation corpus', () => {
  const dir = new URL('./fixtures/', import.meta.url);
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) =>
      (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as CorpusCase[]).map(
        (c) => [`${f}: ${c.name}`, c] as const,
      ),
    )
    .filter(([, c]) => c.expected.decision !== undefined);

  it('covers the corpus', () => {
    expect(cases.length).toBeGreaterThan(400);
  });

  it.each(cases)('%s', (_name, c) => {
    const input = { request: c.request, ...(c.policies ?? {}) };
    const prepared = simulator.prepare(input);
    if ('error' in prepared) throw new Error(JSON.stringify(prepared.error));
    const exact = simulator.simulate(input) as EvaluationResult;
    const { outcome } = decideWithUnknowns(prepared.policies, prepared.request, options);
    if (exact.missingContextKeys.length === 0) {
      expect(outcome).toBe(exact.decision === 'Allowed' ? 'Allowed' : 'Denied');
    } else if (exact.decision === 'Allowed') {
      expect(outcome).not.toBe('Denied');
    } else {
      expect(outcome).not.toBe('Allowed');
    }
  });
});
