import { hijackMethod } from './hijack-method.js';

/**
 * `sagemaker-lifecycle-config`: add a lifecycle script to a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/notebook-lifecycle-config.html
 */
export const sagemakerLifecycleConfig = hijackMethod({
  id: 'sagemaker-lifecycle-config',
  needs: [
    [
      'sagemaker:CreateNotebookInstanceLifecycleConfig',
      'sagemaker:StopNotebookInstance',
      'sagemaker:UpdateNotebookInstance',
      'sagemaker:StartNotebookInstance',
    ],
  ],
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  doing: 'add a lifecycle script to',
});
