import { passRoleMethod } from './pass-role-method.js';

/**
 * `codestar-create-project`: pass a privileged role to codestar.amazonaws.com and create a CodeStar project that runs as it (CodeStar is retired, old accounts may still allow it).
 *
 * @see https://docs.aws.amazon.com/codestar/latest/userguide/access-permissions.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const codestarCreateProject = passRoleMethod({
  id: 'codestar-create-project',
  needs: [['codestar:CreateProject']],
  services: ['codestar.amazonaws.com'],
  doing: 'create a CodeStar project that runs as it (CodeStar is retired, old accounts may still allow it)',
});
