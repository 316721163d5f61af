import { type Diagnostic, error, joinPath } from '../diagnostics/diagnostic.js';
import type { Policy, PolicyType } from './types.js';

/**
 * The grammar rules that depend on where a policy is used:
 * - identity-based policies, permissions boundaries, session policies and SCPs name no principal
 *   and need `Resource` or `NotResource`;
 * - resource-based policies (trust policies included) need `Principal` or `NotPrincipal`;
 * - RCPs need `Principal` and it must be `"*"`, and they need `Resource` or `NotResource`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
 */
export function checkPolicyType(policy: Policy, type: PolicyType, path: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const where = describe[type];
  for (const statement of policy.statements) {
    const at = policy.statementArray
      ? joinPath(joinPath(path, 'Statement'), statement.index)
      : joinPath(path, 'Statement');
    const hasPrincipal = statement.principal !== undefined || statement.notPrincipal !== undefined;
    const hasResource = statement.resource !== undefined || statement.notResource !== undefined;
    if (type === 'resource') {
      if (!hasPrincipal) {
        diagnostics.push(
          error('policy.invalid', at, `a statement of ${where} needs \`Principal\` or \`NotPrincipal\``),
        );
      }
      continue;
    }
    if (type === 'rcp') {
      const principal = statement.principal;
      const onlyStar =
        principal?.wildcard === true &&
        principal.aws.length +
          principal.service.length +
          principal.federated.length +
          principal.canonicalUser.length ===
          0;
      if (!onlyStar) {
        diagnostics.push(
          error(
            'policy.invalid',
            at,
            `a statement of ${where} needs \`"Principal": "*"\` and no other principal`,
          ),
        );
      }
    } else if (hasPrincipal) {
      const element = statement.principal ? 'Principal' : 'NotPrincipal';
      diagnostics.push(
        error(
          'policy.invalid',
          joinPath(at, element),
          `\`${element}\` cannot be used in ${where}; remove it`,
        ),
      );
    }
    if (!hasResource) {
      diagnostics.push(
        error('policy.invalid', at, `a statement of ${where} needs \`Resource\` or \`NotResource\``),
      );
    }
  }
  return diagnostics;
}

const describe: Record<PolicyType, string> = {
  identity: 'an identity-based policy',
  permissionBoundary: 'a permissions boundary',
  session: 'a session policy',
  scp: 'a service control policy',
  rcp: 'a resource control policy',
  resource: 'a resource-based policy',
};
