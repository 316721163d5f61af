import { passRoleMethod } from './pass-role-method.js';

/**
 * `glue-create-dev-endpoint`: pass a privileged role to glue.amazonaws.com and create a Glue development endpoint that runs as it.
 *
 * @see https://docs.aws.amazon.com/glue/latest/dg/create-an-iam-role.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const glueCreateDevEndpoint = passRoleMethod({
  id: 'glue-create-dev-endpoint',
  needs: [['glue:CreateDevEndpoint']],
  services: ['glue.amazonaws.com'],
  doing: 'create a Glue development endpoint that runs as it',
});
