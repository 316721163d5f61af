/**
 * Policy documents as they occur in AWS output: a JSON object (the AWS CLI decodes them), a
 * URL-encoded JSON string (the IAM API returns them so, RFC 3986), or a plain JSON string
 * (Organizations `Content`, resource policies from most services).
 */
import { fail, ok, type Result } from '../diagnostics/diagnostic.js';
import { locateJsonSyntaxError } from './json-text.js';
import { describeType, isRecord, snapshotError } from './private/fields.js';

/**
 * The parsed policy document held by `value`, or the diagnostic saying why there is none. A
 * string that starts with `{` is read as JSON as it is (so a `%` inside a JSON document is never
 * mistaken for an escape); any other string is URL-decoded first. The document must be a JSON
 * object; its grammar is the policy parser's business.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
export function decodePolicyDocument(
  value: unknown,
  path: string,
): Result<Readonly<Record<string, unknown>>> {
  if (isRecord(value)) return ok(value);
  const problem = (message: string) =>
    fail<Readonly<Record<string, unknown>>>([
      snapshotError(
        'snapshot.invalid-policy-document',
        path,
        `${message}; fix the document or export it again`,
      ),
    ]);
  if (typeof value !== 'string') {
    return problem(`a policy document must be a JSON object or a JSON string, found ${describeType(value)}`);
  }
  const trimmed = value.trim();
  let text = trimmed;
  let decoded = '';
  if (!trimmed.startsWith('{')) {
    try {
      text = decodeURIComponent(trimmed);
    } catch {
      return problem('the policy document is neither JSON nor valid URL-encoded JSON');
    }
    decoded = ' after URL-decoding';
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const found = locateJsonSyntaxError(text);
    const where = found ? ` (character ${found.offset + 1}: ${found.problem})` : '';
    return problem(`the policy document is not valid JSON${decoded}${where}`);
  }
  if (!isRecord(parsed))
    return problem(`the policy document must be a JSON object, found ${describeType(parsed)}`);
  return ok(parsed);
}
