import { passRoleMethod } from './pass-role-method.js';

/**
 * `datapipeline-create`: pass a privileged role to datapipeline.amazonaws.com and create and activate a Data Pipeline that runs as it.
 *
 * @see https://docs.aws.amazon.com/datapipeline/latest/DeveloperGuide/dp-iam-roles.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const datapipelineCreate = passRoleMethod({
  id: 'datapipeline-create',
  needs: [
    ['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'],
  ],
  services: ['datapipeline.amazonaws.com', 'ec2.amazonaws.com'],
  doing: 'create and activate a Data Pipeline that runs as it',
});
