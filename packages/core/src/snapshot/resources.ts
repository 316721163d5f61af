/**
 * Reads an account's `resources.json`: the resource inventory with resource-based policies.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html
 */
import { fail, hasErrors, joinPath, ok, type Result } from '../diagnostics/diagnostic.js';
import type { Resource } from './model.js';
import { readPolicyDocument } from './policy-document.js';
import {
  type Checker,
  compareStrings,
  describeType,
  optionalRecord,
  readTagRecord,
  recordsOf,
  reportShape,
  requireString,
  snapshotError,
} from './private/fields.js';

const FIX = 'fix `resources.json`, or collect it again';

/**
 * The resources of one account from a parsed `resources.json`: an array of
 * `{arn, type, accountId, region, tags?, policy?, properties?}`. `policy` is a document, a JSON
 * string (URL-encoded or not), or null/absent for none. Every `accountId` must be the account of
 * the folder the file is in.
 */
export function parseResources(json: unknown, accountId: string): Result<readonly Resource[]> {
  const c: Checker = { diagnostics: [], fix: FIX };
  if (!Array.isArray(json)) {
    reportShape(c, '', `expected an array of resources, found ${describeType(json)}`);
    return fail(c.diagnostics);
  }
  const resources: Resource[] = [];
  const seen = new Map<string, string>();
  for (const { item, path } of recordsOf(c, json, '', 'a resource')) {
    const arn = requireString(c, item, 'arn', path);
    const type = requireString(c, item, 'type', path);
    const owner = requireString(c, item, 'accountId', path);
    const region = requireString(c, item, 'region', path);
    const tags = readTagRecord(c, item, path);
    const properties = optionalRecord(c, item, 'properties', path) ?? {};
    let policy: unknown;
    let policyOk = true;
    if (item.policy !== undefined && item.policy !== null) {
      const decoded = readPolicyDocument(item.policy, joinPath(path, 'policy'));
      if (decoded.ok) policy = decoded.value;
      else {
        policyOk = false;
        c.diagnostics.push(...decoded.diagnostics);
      }
    }
    if (owner !== undefined && owner !== accountId) {
      c.diagnostics.push(
        snapshotError(
          'snapshot.account-mismatch',
          joinPath(path, 'accountId'),
          `resource \`${arn ?? ''}\` is in account \`${owner}\`, but the file is in the folder of account \`${accountId}\`; move it to \`accounts/${owner}/resources.json\``,
        ),
      );
    }
    if (arn !== undefined) {
      const first = seen.get(arn);
      if (first === undefined) seen.set(arn, path);
      else {
        c.diagnostics.push(
          snapshotError(
            'snapshot.duplicate-resource',
            path,
            `resource \`${arn}\` appears twice (also at \`${first}\`); remove the duplicate`,
          ),
        );
      }
    }
    if (arn === undefined || type === undefined || owner === undefined || region === undefined || !policyOk)
      continue;
    resources.push({
      arn,
      type,
      accountId: owner,
      region,
      tags,
      ...(policy === undefined ? {} : { policy }),
      properties,
    });
  }
  if (hasErrors(c.diagnostics)) return fail(c.diagnostics);
  return ok(
    resources.sort((a, b) => compareStrings(a.arn, b.arn)),
    c.diagnostics,
  );
}
