import { passRoleMethod } from './pass-role-method.js';

/**
 * `glue-update-job`: pass a privileged role to glue.amazonaws.com and point a Glue job at it and start the job.
 *
 * @see https://docs.aws.amazon.com/glue/latest/dg/create-an-iam-role.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const glueUpdateJob = passRoleMethod({
  id: 'glue-update-job',
  needs: [
    ['glue:UpdateJob', 'glue:StartJobRun'],
    ['glue:UpdateJob', 'glue:CreateTrigger'],
  ],
  services: ['glue.amazonaws.com'],
  doing: 'point a Glue job at it and start the job',
});
