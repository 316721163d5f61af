import type { PrincipalBlock } from '../policy/types.js';
import type { EvaluationRequest } from './request.js';

/**
 * How a resource policy's `Principal` names the caller, from the broadest to the most specific:
 * - `wildcard`: `"*"` or `{"AWS": "*"}`, everyone including anonymous callers;
 * - `account`: the caller's account id or root ARN, which delegates the decision to the
 *   account's identity-based policies;
 * - `role`: the role ARN of a role session;
 * - `direct`: the caller's own ARN (user, role session, federated user, root), service
 *   principal, federated provider or canonical user.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export type PrincipalMatch = 'wildcard' | 'account' | 'role' | 'direct';

/** How `block` names the caller of `request`, or undefined when it does not. */
export function matchPrincipal(
  block: PrincipalBlock,
  request: EvaluationRequest,
): PrincipalMatch | undefined {
  const principal = request.principal;
  switch (principal.kind) {
    case 'service':
      if (block.service.includes(principal.text)) return 'direct';
      break;
    case 'federated':
      if (block.federated.includes(principal.text)) return 'direct';
      break;
    case 'canonicalUser':
      if (block.canonicalUser.includes(principal.text)) return 'direct';
      break;
    case 'anonymous':
      break;
    default: {
      if (principal.kind !== 'role' && principal.arn !== undefined && block.aws.includes(principal.arn)) {
        return 'direct';
      }
      if (request.roleArn !== undefined && block.aws.includes(request.roleArn)) return 'role';
      const account = principal.account;
      if (
        account !== undefined &&
        (block.aws.includes(account) || block.aws.includes(rootArnOf(principal, account)))
      ) {
        return principal.kind === 'root' ? 'direct' : 'account';
      }
    }
  }
  return block.wildcard ? 'wildcard' : undefined;
}

/**
 * Whether a `NotPrincipal` block excludes the caller. AWS evaluates the caller together with the
 * account it belongs to, so a caller in an account is excluded only when both its own ARN (or,
 * for a role session, its session or role ARN) and its account are listed.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
export function isExcludedByNotPrincipal(block: PrincipalBlock, request: EvaluationRequest): boolean {
  if (block.wildcard) return true;
  const principal = request.principal;
  switch (principal.kind) {
    case 'service':
      return block.service.includes(principal.text);
    case 'federated':
      return block.federated.includes(principal.text);
    case 'canonicalUser':
      return block.canonicalUser.includes(principal.text);
    case 'anonymous':
      return false;
    default: {
      const account = principal.account;
      const accountListed =
        account !== undefined &&
        (block.aws.includes(account) || block.aws.includes(rootArnOf(principal, account)));
      if (!accountListed) return false;
      if (principal.kind === 'root') return true;
      return (
        (principal.arn !== undefined && block.aws.includes(principal.arn)) ||
        (request.roleArn !== undefined && block.aws.includes(request.roleArn))
      );
    }
  }
}

/** The caller's account root ARN, as parsed, or made here for a principal built some other way. */
function rootArnOf(principal: EvaluationRequest['principal'], account: string): string {
  return principal.rootArn ?? `arn:${principal.partition}:iam::${account}:root`;
}
