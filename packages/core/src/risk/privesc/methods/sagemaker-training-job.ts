import { passRoleMethod } from './pass-role-method.js';

/**
 * `sagemaker-training-job`: pass a privileged role to sagemaker.amazonaws.com and create a SageMaker training job that runs as it.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const sagemakerTrainingJob = passRoleMethod({
  id: 'sagemaker-training-job',
  needs: [['sagemaker:CreateTrainingJob']],
  services: ['sagemaker.amazonaws.com'],
  doing: 'create a SageMaker training job that runs as it',
});
