import { passRoleMethod } from './pass-role-method.js';

/**
 * `sagemaker-processing-job`: pass a privileged role to sagemaker.amazonaws.com and create a SageMaker processing job that runs as it.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const sagemakerProcessingJob = passRoleMethod({
  id: 'sagemaker-processing-job',
  needs: [['sagemaker:CreateProcessingJob']],
  services: ['sagemaker.amazonaws.com'],
  doing: 'create a SageMaker processing job that runs as it',
});
