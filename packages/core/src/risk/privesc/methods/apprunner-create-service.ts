import { passRoleMethod } from './pass-role-method.js';

/**
 * `apprunner-create-service`: pass a privileged role to tasks.apprunner.amazonaws.com and create an App Runner service that runs as it.
 *
 * @see https://docs.aws.amazon.com/apprunner/latest/dg/security_iam_service-with-iam.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const apprunnerCreateService = passRoleMethod({
  id: 'apprunner-create-service',
  needs: [['apprunner:CreateService']],
  services: ['tasks.apprunner.amazonaws.com', 'build.apprunner.amazonaws.com'],
  doing: 'create an App Runner service that runs as it',
});
