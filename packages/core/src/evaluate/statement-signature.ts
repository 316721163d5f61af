import type { RequestContext } from '../condition/context.js';
import type { CompiledPolicy, CompiledStatement } from './compile-policy.js';
import type { PolicySet } from './evaluate-request.js';

/**
 * The statements of a policy set whose `Action`/`NotAction` matches an action, as a string of
 * statement ids. Two actions of one service with the same signature are decided identically for
 * the same resource and context: every step of the evaluation reads only the matching statements,
 * the service (KMS key policies, trust policies, RCP support, global endpoints) and the resource.
 * The one action-specific rule, RCPs not restricting `kms:RetireGrant`, is folded in.
 * Analysis uses this to evaluate one action per class instead of every action
 * (docs/design/effective-access.md).
 *
 * With `resource`, statements whose `Resource` or `NotResource` has no policy variable and does not
 * match it are left out: they take no part in any request on that resource, so requests on
 * resources that the remaining statements (and the resource side) treat alike are decided alike,
 * whoever else's statements name other resources (an inline policy's own bucket).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
export function statementSignature(
  set: PolicySet,
  actionId: number,
  actionLower: string,
  resource?: string,
): string {
  const service = actionLower.slice(0, actionLower.indexOf(':'));
  let signature = actionLower === 'kms:retiregrant' ? `${service}!retire` : service;
  const add = (policies: readonly CompiledPolicy[]) => {
    for (const policy of policies) {
      for (const statement of policy.statementsFor(actionId, actionLower)) {
        if (resource === undefined || mayMatch(statement, resource)) signature += `,${statement.uid}`;
      }
    }
  };
  add(set.identity);
  add(set.boundaries);
  if (set.session) add([set.session]);
  if (set.resource) add([set.resource]);
  for (const level of set.scps ?? []) add(level.policies);
  for (const level of set.rcps ?? []) add(level.policies);
  return signature;
}

const noContext: RequestContext = new Map();

/** Whether a statement may match a resource: always when its resource names a policy variable. */
function mayMatch(statement: CompiledStatement, resource: string): boolean {
  const matcher = statement.resource;
  if (matcher === undefined || matcher.keys.length > 0) return true;
  return matcher.test(resource, noContext) !== statement.notResource;
}
