import { passRoleMethod } from './pass-role-method.js';

/**
 * `glue-create-job`: pass a privileged role to glue.amazonaws.com and create a Glue job that runs as it and start it.
 *
 * @see https://docs.aws.amazon.com/glue/latest/dg/create-an-iam-role.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const glueCreateJob = passRoleMethod({
  id: 'glue-create-job',
  needs: [
    ['glue:CreateJob', 'glue:StartJobRun'],
    ['glue:CreateJob', 'glue:CreateTrigger'],
  ],
  services: ['glue.amazonaws.com'],
  doing: 'create a Glue job that runs as it and start it',
});
