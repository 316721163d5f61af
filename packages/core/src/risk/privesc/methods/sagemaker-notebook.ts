import { passRoleMethod } from './pass-role-method.js';

/**
 * `sagemaker-notebook`: pass a privileged role to sagemaker.amazonaws.com and create a SageMaker notebook instance that runs as it and open it.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const sagemakerNotebook = passRoleMethod({
  id: 'sagemaker-notebook',
  needs: [['sagemaker:CreateNotebookInstance']],
  services: ['sagemaker.amazonaws.com'],
  doing: 'create a SageMaker notebook instance that runs as it and open it',
});
