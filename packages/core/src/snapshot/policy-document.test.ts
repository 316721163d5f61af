import { describe, expect, it } from 'vitest';
import { readPolicyDocument } from './policy-document.js';

const PATH = 'RoleDetailList[0].RolePolicyList[0].PolicyDocument';
const DOC = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/100%/*' }],
};

describe('readPolicyDocument', () => {
  it.each([
    ['an object', DOC],
    ['a JSON string', JSON.stringify(DOC)],
    ['a JSON string with surrounding whitespace', `\n ${JSON.stringify(DOC, null, 2)}\n`],
    ['a URL-encoded JSON string (the IAM API form)', encodeURIComponent(JSON.stringify(DOC, null, 4))],
  ])('reads %s', (_name, value) => {
    expect(readPolicyDocument(value, PATH)).toEqual({ ok: true, value: DOC, diagnostics: [] });
  });

  it.each([
    ['a number', 42, 'a number'],
    ['an array', [DOC], 'an array'],
    ['a JSON string holding an array', encodeURIComponent('[1]'), 'a JSON string holding an array'],
  ])('rejects %s', (_name, value, found) => {
    expect(readPolicyDocument(value, PATH)).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'snapshot.invalid-policy-document',
          severity: 'error',
          path: PATH,
          message: `a policy document must be a JSON object or a JSON string holding one, found ${found}; fix the document or export it again`,
        },
      ],
    });
  });

  it.each([
    ['bad URL encoding', '%7B%22Version%2'],
    ['URL-encoded text that is not JSON', encodeURIComponent('{"Version": "2012-10-17", "Statement": [}')],
    ['a JSON string that is not JSON', '{"Version": "2012-10-17",'],
  ])('rejects %s as the policy decoder does', (_name, value) => {
    const result = readPolicyDocument(value, PATH);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(({ code, severity, path }) => ({ code, severity, path }))).toEqual([
      { code: 'policy.invalid-json', severity: 'error', path: PATH },
    ]);
  });
});
