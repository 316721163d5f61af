import type { Finding } from '../finding.js';
import { findingsPerPrincipal, wildcardServices } from '../private/identity-actions.js';
import { someActions } from '../private/outsiders.js';
import type { RiskRule } from '../rule.js';

/**
 * `permissions-management-on-wildcard`: a principal that can call `Permissions management` actions
 * (AWS's access level: `iam:PutRolePolicy`, `s3:PutBucketPolicy`, `kms:PutKeyPolicy`, ...) on any
 * resource of their type, decided by the engine on a resource no policy names. Such actions
 * decide who else gets access, so on `*` they are the door to everything else.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html#actions_table
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
export const permissionsManagementOnWildcard: RiskRule = {
  id: 'permissions-management-on-wildcard',
  category: 'permissions-management',
  severity: 'high',
  title: 'a principal that can change the permissions of any resource of a service',
  why: 'Permissions-management actions (`iam:PutRolePolicy`, `iam:AttachUserPolicy`, `s3:PutBucketPolicy`, `kms:PutKeyPolicy`, ...) on every resource let the principal grant itself or anyone else any access the policy can express.',
  fix: "Scope the statement's `Resource` to the resources the principal manages (`arn:aws:iam::<account>:role/<app>-*`), require a permissions boundary on roles it creates (`iam:PermissionsBoundary`), or move the work to a pipeline that owns those policies.",
  see: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  run(context) {
    return findingsPerPrincipal(context, (principal): Finding | undefined => {
      const all = wildcardServices(context, principal, 'Permissions management');
      if (all.length === 0) return undefined;
      const certain = all.filter((g) => !g.conditional);
      const shown = certain.length > 0 ? certain : all;
      const services = shown.map((g) => g.service);
      return {
        id: 'permissions-management-on-wildcard',
        category: 'permissions-management',
        severity: services.includes('iam') ? 'critical' : 'high',
        principal,
        resource: '*',
        conditional: certain.length === 0,
        message: `\`${principal}\` can manage the permissions of any resource in ${someActions(services, 6)}, such as ${someActions(shown.flatMap((g) => g.examples))}`,
      };
    });
  },
};
