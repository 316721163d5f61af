/**
 * Policy documents as they occur in AWS output: a JSON object (the AWS CLI decodes them), a
 * URL-encoded JSON string (the IAM API returns them so, RFC 3986), or a plain JSON string
 * (Organizations `Content`, resource policies from most services).
 */
import { fail, ok, type Result } from '../diagnostics/diagnostic.js';
import { decodePolicyDocument } from '../policy/decode-policy.js';
import { describeType, isRecord, type JsonObject, snapshotError } from './private/fields.js';

/**
 * The parsed policy document held by `value`. Decoding is the policy decoder's, the same that
 * `simulate` uses, so a snapshot accepts exactly the documents the engine does; a string that is
 * not JSON, even after URL-decoding, is its `policy.invalid-json`. The document must then be a
 * JSON object (`snapshot.invalid-policy-document`); its grammar is the policy parser's business.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
export function readPolicyDocument(value: unknown, path: string): Result<JsonObject> {
  const decoded = decodePolicyDocument(urlDecodeUnlessJson(value), path);
  if (!decoded.ok) return fail(decoded.diagnostics);
  if (isRecord(decoded.value)) return ok(decoded.value);
  const found =
    typeof value === 'string' ? `a JSON string holding ${describeType(decoded.value)}` : describeType(value);
  return fail([
    snapshotError(
      'snapshot.invalid-policy-document',
      path,
      `a policy document must be a JSON object or a JSON string holding one, found ${found}; fix the document or export it again`,
    ),
  ]);
}

/**
 * A string that cannot be a JSON object (it does not start with `{`) is URL-decoded here, so the
 * decoder parses it once instead of failing on the encoded text first: in a large URL-encoded
 * export, those failed parses (each throwing a SyntaxError) took most of the load time.
 */
function urlDecodeUnlessJson(value: unknown): unknown {
  if (typeof value !== 'string' || value.trimStart().startsWith('{')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
