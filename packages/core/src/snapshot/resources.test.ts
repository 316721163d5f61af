import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseResources } from './resources.js';

// biome-ignore lint/suspicious/noExplicitAny: tests damage fixture JSON in place, wherever it nests
type Json = any;

const ACCOUNT = '111122223333';
const fixture = (): Json =>
  JSON.parse(readFileSync(new URL(`./fixtures/resources-${ACCOUNT}.json`, import.meta.url), 'utf8'));

describe('parseResources', () => {
  it('reads the inventory sorted by ARN, with policies parsed from objects or JSON strings', () => {
    const result = parseResources(fixture(), ACCOUNT);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    expect(result.diagnostics).toEqual([]);
    const resources = result.value;
    expect(resources.map((r) => r.type)).toEqual([
      'AWS::DynamoDB::Table',
      'AWS::EC2::Instance',
      'AWS::KMS::Key',
      'AWS::Lambda::Function',
      'AWS::S3::Bucket',
    ]);
    const [table, instance, key, fn, bucket] = resources;
    expect(table?.policy).toBeUndefined();
    expect(table?.tags).toEqual({ team: 'orders' });
    expect(instance).toMatchObject({
      region: 'eu-west-1',
      properties: { IamInstanceProfile: 'arn:aws:iam::111122223333:instance-profile/web-ec2' },
    });
    expect(key?.policy).toMatchObject({ Id: 'key-default-1' });
    expect(fn?.properties).toEqual({ Role: 'arn:aws:iam::111122223333:role/app/orders-api' });
    expect(bucket).toMatchObject({
      arn: 'arn:aws:s3:::orders-prod-exports',
      accountId: ACCOUNT,
      policy: { Statement: [{ Sid: 'DenyInsecureTransport' }, { Sid: 'AnalyticsRead' }] },
    });
  });

  it('defaults absent tags and properties to empty', () => {
    const result = parseResources(
      [
        {
          arn: 'arn:aws:sns:eu-west-1:111122223333:alerts',
          type: 'AWS::SNS::Topic',
          accountId: ACCOUNT,
          region: 'eu-west-1',
        },
      ],
      ACCOUNT,
    );
    expect(result).toMatchObject({ ok: true, value: [{ tags: {}, properties: {} }] });
  });

  it.each<{ name: string; mutate: (json: Json) => unknown; expected: { code: string; path: string }[] }>([
    {
      name: 'an object instead of an array',
      mutate: () => ({}),
      expected: [{ code: 'snapshot.invalid-shape', path: '' }],
    },
    {
      name: 'an entry that is not an object',
      mutate: (json) => [...json, 'arn:aws:s3:::x'],
      expected: [{ code: 'snapshot.invalid-shape', path: '[5]' }],
    },
    {
      name: 'a missing type and a tag that is not a string',
      mutate: (json) => {
        delete json[1].type;
        json[2].tags.team = ['orders'];
        return json;
      },
      expected: [
        { code: 'snapshot.invalid-shape', path: '[1].type' },
        { code: 'snapshot.invalid-shape', path: '[2].tags.team' },
      ],
    },
    {
      name: 'a policy that is not JSON',
      mutate: (json) => {
        json[0].policy = '{"Version": "2012-10-17"';
        return json;
      },
      expected: [{ code: 'policy.invalid-json', path: '[0].policy' }],
    },
    {
      name: 'a resource of another account',
      mutate: (json) => {
        json[3].accountId = '444455556666';
        return json;
      },
      expected: [{ code: 'snapshot.account-mismatch', path: '[3].accountId' }],
    },
    {
      name: 'a duplicate resource',
      mutate: (json) => [...json, json[1]],
      expected: [{ code: 'snapshot.duplicate-resource', path: '[5]' }],
    },
  ])('reports $name', ({ mutate, expected }) => {
    const result = parseResources(mutate(fixture()), ACCOUNT);
    expect(result.diagnostics.map(({ code, path }) => ({ code, path }))).toEqual(expected);
    expect(result.ok).toBe(false);
  });
});
