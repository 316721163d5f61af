import { describe, expect, it } from 'vitest';
import { decodePolicyDocument } from './policy-document.js';

const PATH = 'RoleDetailList[0].RolePolicyList[0].PolicyDocument';
const DOC = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/100%/*' }],
};

describe('decodePolicyDocument', () => {
  it.each([
    ['an object', DOC],
    ['a JSON string', JSON.stringify(DOC)],
    ['a JSON string with surrounding whitespace', `\n ${JSON.stringify(DOC, null, 2)}\n`],
    ['a URL-encoded JSON string (the IAM API form)', encodeURIComponent(JSON.stringify(DOC, null, 4))],
  ])('reads %s', (_name, value) => {
    expect(decodePolicyDocument(value, PATH)).toEqual({ ok: true, value: DOC, diagnostics: [] });
  });

  it.each([
    ['a number', 42, 'a policy document must be a JSON object or a JSON string, found a number'],
    ['an array', [DOC], 'a policy document must be a JSON object or a JSON string, found an array'],
    ['bad URL encoding', '%7B%22Version%2', 'the policy document is neither JSON nor valid URL-encoded JSON'],
    [
      'URL-encoded text that is not JSON',
      encodeURIComponent('{"Version": "2012-10-17", "Statement": [}'),
      'the policy document is not valid JSON after URL-decoding (character 41: expected a value, found `}`)',
    ],
    [
      'a JSON string that is not JSON',
      '{"Version": "2012-10-17",',
      'the policy document is not valid JSON (character 26: expected a property name in double quotes, found the end of the file)',
    ],
    [
      'a JSON string holding an array',
      encodeURIComponent('[1]'),
      'the policy document must be a JSON object, found an array',
    ],
  ])('rejects %s', (_name, value, message) => {
    const result = decodePolicyDocument(value, PATH);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      {
        code: 'snapshot.invalid-policy-document',
        severity: 'error',
        path: PATH,
        message: `${message}; fix the document or export it again`,
      },
    ]);
  });
});
