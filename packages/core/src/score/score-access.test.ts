import { describe, expect, it } from 'vitest';
import type { AccessGrant, PrincipalAccess } from '../access/access-of.js';
import { DEFAULT_CONFIG, type ScoreWeights } from '../config/default-config.js';
import { type ScoreModel, scoreAccess, scoringCapabilityOf } from './score-access.js';

const weights = DEFAULT_CONFIG.score;
const model = (sensitive: readonly string[] = [], w: ScoreWeights = weights): ScoreModel => ({
  weights: w,
  sensitive: new Set(sensitive),
});
const grant = (actions: string[], resources: string[], conditionKeys: string[] = []): AccessGrant => ({
  actions,
  resources,
  conditional: conditionKeys.length > 0,
  conditionKeys,
});
const access = (...grants: AccessGrant[]): PrincipalAccess => ({
  principal: 'arn:aws:iam::111122223333:role/r',
  grants,
});

const table = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
const objects = 'arn:aws:s3:::orders-prod/*';

describe('scoringCapabilityOf', () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
  it.each([
    ['s3:GetObject', 'read-data'],
    ['s3:PutObject', 'write-data'],
    ['s3:DeleteObject', 'delete-data'],
    ['s3:PutBucketPolicy', 'administer-resource'],
    ['sts:AssumeRole', 'use-resource'],
    ['s3:GetBucketPolicy', 'read-config'],
    ['made-up:Action', 'read-config'],
  ])('counts %s as %s', (action, capability) => {
    expect(scoringCapabilityOf(action, weights)).toBe(capability);
  });

  it('takes the highest-weighted of several capabilities, as configured', () => {
    // dynamodb:DeleteTable destroys the table with its items: administer-resource and delete-data.
    expect(scoringCapabilityOf('dynamodb:DeleteTable', weights)).toBe('administer-resource');
    const dataFirst = { ...weights, capabilities: { ...weights.capabilities, 'delete-data': 20 } };
    expect(scoringCapabilityOf('dynamodb:DeleteTable', dataFirst)).toBe('delete-data');
  });
});

describe('scoreAccess', () => {
  it('sums one rectangle as actions × resources × weights, without a per-pair loop', () => {
    const result = scoreAccess(access(grant(['dynamodb:GetItem', 'dynamodb:Query'], [table])), model());
    // read-data 4 × data source 2, two pairs.
    expect(result.score).toBe(16);
    expect(result.contributions).toEqual([
      {
        capability: 'read-data',
        service: 'dynamodb',
        resources: [table],
        points: 16,
        conditional: false,
        critical: false,
        dataSource: true,
        actions: ['dynamodb:GetItem', 'dynamodb:Query'],
        pairs: 2,
        sensitivePairs: 0,
        pointsPerPair: 8,
        pointsPerSensitivePair: 16,
      },
    ]);
  });

  it('multiplies critical services, data actions on data services and sensitive resources', () => {
    const result = scoreAccess(
      access(
        grant(['iam:PassRole'], ['arn:aws:iam::111122223333:role/a', 'arn:aws:iam::111122223333:role/b']),
        grant(['s3:GetObject'], [objects, 'arn:aws:s3:::public-site/*']),
        grant(['s3:GetBucketPolicy'], ['arn:aws:s3:::orders-prod']),
      ),
      model([objects]),
    );
    const by = Object.fromEntries(result.contributions.map((c) => [`${c.capability} ${c.service}`, c]));
    // use-resource 2 × critical 3, two roles.
    expect(by['use-resource iam']).toMatchObject({ points: 12, critical: true, pointsPerPair: 6 });
    // read-data 4 × data 2; the sensitive bucket's objects × 2 again.
    expect(by['read-data s3']).toMatchObject({ points: 8 + 16, dataSource: true, sensitivePairs: 1 });
    // Reading a bucket's configuration is not reading its data: no data multiplier.
    expect(by['read-config s3']).toMatchObject({ points: 1, dataSource: false });
    expect(result.score).toBe(12 + 24 + 1);
  });

  it('counts `*` (actions that take no resource) once', () => {
    const result = scoreAccess(access(grant(['iam:ListRoles', 'iam:ListUsers'], ['*'])), model());
    expect(result.score).toBe(2 * 1 * 3);
  });

  it('counts conditional access at conditionalPercent, flagged, rounded per pair', () => {
    const g = grant(
      ['dynamodb:GetItem'],
      [table, 'arn:aws:dynamodb:eu-west-1:111122223333:table/b'],
      ['aws:SourceVpc'],
    );
    expect(scoreAccess(access(g), model()).contributions[0]).toMatchObject({ conditional: true, points: 16 });
    const half = {
      ...weights,
      conditionalPercent: 50,
      dataMultiplier: 1,
      capabilities: { ...weights.capabilities, 'read-data': 3 },
    };
    // 3 × 50% = 1.5, rounded half up to 2 per pair.
    expect(scoreAccess(access(g), model([], half)).score).toBe(4);
  });

  it('keeps certain and conditional access of one capability and service apart', () => {
    const result = scoreAccess(
      access(
        grant(['sqs:SendMessage'], ['arn:aws:sqs:eu-west-1:111122223333:q1']),
        grant(['sqs:SendMessage'], ['arn:aws:sqs:eu-west-1:111122223333:q2'], ['aws:SourceIp']),
      ),
      model(),
    );
    expect(result.contributions.map((c) => [c.capability, c.service, c.conditional, c.points])).toEqual([
      ['write-data', 'sqs', false, 5],
      ['write-data', 'sqs', true, 5],
    ]);
  });

  it('gives no access no points', () => {
    expect(scoreAccess(access(), model())).toEqual({ score: 0, contributions: [] });
  });
});
