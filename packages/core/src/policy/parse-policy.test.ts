import { describe, expect, it } from 'vitest';
import { parsePolicy } from './parse-policy.js';

const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

describe('parsePolicy', () => {
  it('normalises single values to arrays and keeps wire order and indexes', () => {
    const result = parsePolicy({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], NotResource: 'arn:aws:s3:::b' },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        version: '2012-10-17',
        statements: [
          { index: 0, sid: 'A', effect: 'Allow', action: ['s3:GetObject'], resource: ['arn:aws:s3:::b/*'] },
          { index: 1, effect: 'Deny', notAction: ['iam:*', 'sts:*'], notResource: ['arn:aws:s3:::b'] },
        ],
      },
    });
  });

  it('accepts a single statement object', () => {
    const result = parsePolicy({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: '*', Resource: '*' },
    });
    expect(result.ok && result.value.statements).toHaveLength(1);
  });

  // "If you do not include a Version element, the value defaults to 2008-10-17"
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
  it('defaults a missing Version to 2008-10-17', () => {
    const result = parsePolicy({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(result.ok && result.value.version).toBe('2008-10-17');
  });

  it('reads JSON strings and URL-encoded JSON strings', () => {
    const text = JSON.stringify(allowAll);
    expect(parsePolicy(text).ok).toBe(true);
    expect(parsePolicy(encodeURIComponent(text)).ok).toBe(true);
  });

  it('turns number and boolean condition values into strings', () => {
    const result = parsePolicy({
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 's3:max-keys': [10, '20'] } },
      },
    });
    expect(result.ok && result.value.statements[0]?.conditions).toEqual([
      { operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] },
      { operator: 'NumericLessThan', key: 's3:max-keys', values: ['10', '20'] },
    ]);
  });

  it('splits a principal block by kind and recognises the AWS wildcard', () => {
    const result = parsePolicy({
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: ['*', '111122223333'], Service: 'logs.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: '*',
      },
    });
    expect(result.ok && result.value.statements[0]?.principal).toEqual({
      wildcard: true,
      aws: ['111122223333'],
      service: ['logs.amazonaws.com'],
      federated: [],
      canonicalUser: [],
    });
  });

  it.each([
    ['not JSON', 'not json {', 'policy.invalid-json', ''],
    ['not an object', [1, 2], 'policy.invalid', ''],
    ['no Statement', { Version: '2012-10-17' }, 'policy.invalid', 'Statement'],
    ['unknown version', { Version: '2020-01-01', Statement: [] }, 'policy.invalid', 'Version'],
    [
      'bad Effect',
      { Version: '2012-10-17', Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] },
      'policy.invalid',
      'Statement[0].Effect',
    ],
    [
      'Action and NotAction together',
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' }],
      },
      'policy.invalid',
      'Statement[0]',
    ],
    [
      'no Action',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] },
      'policy.invalid',
      'Statement[0]',
    ],
    [
      'malformed action',
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 'GetObject'], Resource: '*' }],
      },
      'policy.invalid',
      'Statement[0].Action[1]',
    ],
    [
      'unknown element',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Resources: '*' }] },
      'policy.unknown-element',
      'Statement[0].Resources',
    ],
    [
      'unknown principal type',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { User: 'x' }, Action: '*' }] },
      'policy.invalid',
      'Statement[0].Principal.User',
    ],
    [
      'condition value that is an object',
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { k: { a: 1 } } } },
        ],
      },
      'policy.invalid',
      'Statement[0].Condition.StringEquals.k',
    ],
  ])('rejects %s with a diagnostic that points at it', (_name, input, code, path) => {
    const result = parsePolicy(input);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code, path, severity: 'error' }));
  });

  it('prefixes diagnostic paths with the location of the document', () => {
    const result = parsePolicy(
      { Version: '2012-10-17', Statement: [{ Effect: 'Nope', Action: '*' }] },
      'Policies[3].Document',
    );
    expect(result.diagnostics[0]?.path).toBe('Policies[3].Document.Statement[0].Effect');
  });
});

describe('parsePolicy, a document object parsed again', () => {
  it('gives the same policy for the same object, and a new one for an equal object', () => {
    const document = structuredClone(allowAll);
    const first = parsePolicy(document);
    if (!first.ok) throw new Error('allowAll parses');
    expect(parsePolicy(document)).toBe(first);
    const equal = parsePolicy(structuredClone(allowAll));
    if (!equal.ok) throw new Error('allowAll parses');
    expect(equal.value).toEqual(first.value);
    expect(equal.value.statements[0]).not.toBe(first.value.statements[0]);
  });

  it('points its diagnostics at the path it is given each time', () => {
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] };
    expect(parsePolicy(document).diagnostics.map((d) => d.path)).toEqual(['Statement[0].Effect']);
    expect(parsePolicy(document, 'Policies[3].Document').diagnostics.map((d) => d.path)).toEqual([
      'Policies[3].Document.Statement[0].Effect',
    ]);
    expect(parsePolicy(document).diagnostics.map((d) => d.path)).toEqual(['Statement[0].Effect']);
  });
});
