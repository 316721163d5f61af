import type { Finding } from '../finding.js';
import { findingsPerPrincipal, wildcardServices } from '../private/identity-actions.js';
import { someActions } from '../private/outsiders.js';
import type { RiskRule } from '../rule.js';

/**
 * `infrastructure-modification-on-wildcard`: a principal that can call `Write` actions on any
 * resource of their type (decided by the engine on a resource no policy names): it can change or
 * delete infrastructure it has no business with. Actions that accept only `*` are not counted.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html#actions_table
 * @see https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/sec_permissions_least_privileges.html
 */
export const infrastructureModificationOnWildcard: RiskRule = {
  id: 'infrastructure-modification-on-wildcard',
  category: 'infrastructure-modification',
  severity: 'medium',
  title: 'a principal that can change or delete any resource of a service',
  why: "Write actions on `*` reach every resource of the service in the account, including other teams' and production ones: one leaked credential or one buggy script can change or destroy them.",
  fix: "Scope the statement's `Resource` to the application's resources (by name prefix or with `aws:ResourceTag` conditions); generate the policy from what the principal really does (`accessloop generate`).",
  see: 'https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/sec_permissions_least_privileges.html',
  run(context) {
    return findingsPerPrincipal(context, (principal): Finding | undefined => {
      const all = wildcardServices(context, principal, 'Write');
      if (all.length === 0) return undefined;
      const certain = all.filter((g) => !g.conditional);
      const shown = certain.length > 0 ? certain : all;
      return {
        id: 'infrastructure-modification-on-wildcard',
        category: 'infrastructure-modification',
        severity: 'medium',
        principal,
        resource: '*',
        conditional: certain.length === 0,
        message: `\`${principal}\` can change any resource of ${someActions(
          shown.map((g) => g.service),
          6,
        )}, such as ${someActions(shown.flatMap((g) => g.examples))}`,
      };
    });
  },
};
