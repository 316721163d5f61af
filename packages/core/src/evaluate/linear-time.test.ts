import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/catalog.js';
import { createSimulator, type Simulator } from './simulate.js';

/**
 * Wildcards in `Resource` and in `StringLike`/`ArnLike` values are matched without backtracking.
 * A backtracking matcher (or a regular expression built from the pattern) needs time exponential
 * in the number of `*` for these inputs: with 24 stars and 200,000 characters it would not finish
 * within the test timeout; a linear matcher decides them in milliseconds.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 */
const stars = (piece: string, count: number) => `*${`${piece}*`.repeat(count)}`;
const longKey = 'a'.repeat(200_000);

describe('matching is linear in the input', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = createSimulator(await loadCatalog({ services: ['s3'] }));
  });

  const request = (resource: string, context: Record<string, string> = {}) => ({
    principal: 'arn:aws:iam::111122223333:user/alice',
    action: 's3:GetObject',
    resource,
    context,
  });

  it('decides a pathological Resource pattern against a 200,000-character key', () => {
    const pattern = `arn:aws:s3:::bucket/${stars('a', 24)}b`;
    const allow = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: pattern }],
    };
    const input = (key: string) => ({
      request: request(`arn:aws:s3:::bucket/${key}`),
      identityPolicies: [{ name: 'p', policy: allow }],
    });
    expect(simulator.simulate(input(longKey))).toMatchObject({ decision: 'ImplicitlyDenied' });
    expect(simulator.simulate(input(`${longKey}b`))).toMatchObject({ decision: 'Allowed' });
  });

  it('decides a pathological StringLike value against a 200,000-character context value', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { StringLike: { 'aws:UserAgent': `${stars('a?', 20)}b` } },
        },
      ],
    };
    const input = (agent: string) => ({
      request: request('arn:aws:s3:::bucket/key', { 'aws:UserAgent': agent }),
      identityPolicies: [{ name: 'p', policy }],
    });
    expect(simulator.simulate(input(longKey))).toMatchObject({ decision: 'ImplicitlyDenied' });
    expect(simulator.simulate(input(`${longKey}b`))).toMatchObject({ decision: 'Allowed' });
  });
});
