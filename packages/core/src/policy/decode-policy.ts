import { error, fail, ok, type Result } from '../diagnostics/diagnostic.js';

/**
 * Turns a policy document as it appears in the wild into a parsed JSON value: an object is taken
 * as it is; a string is parsed as JSON, and if that fails, URL-decoded first (the IAM API returns
 * documents URL-encoded, the AWS CLI decodes them, and files of both kinds circulate).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
export function decodePolicyDocument(input: unknown, path: string): Result<unknown> {
  if (typeof input !== 'string') return ok(input);
  const text = input.trim();
  // A document that does not open with `{` cannot be JSON: URL-decode it first rather than
  // letting JSON.parse fail on every document of a URL-encoded export.
  const direct = text.startsWith('{')
    ? tryParseJson(text)
    : { ok: false as const, message: 'not a JSON object' };
  if (direct.ok) return ok(direct.value);
  let decoded: string;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    return fail([invalidJson(path, direct.message)]);
  }
  const parsed = tryParseJson(decoded);
  if (parsed.ok) return ok(parsed.value);
  return fail([invalidJson(path, parsed.message)]);
}

function invalidJson(path: string, detail: string) {
  return error(
    'policy.invalid-json',
    path,
    `policy document is not valid JSON (${detail}); give the document as a JSON object or a JSON string`,
  );
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return {
      ok: false,
      message: e instanceof Error ? e.message.split('\n')[0] || 'syntax error' : 'syntax error',
    };
  }
}
