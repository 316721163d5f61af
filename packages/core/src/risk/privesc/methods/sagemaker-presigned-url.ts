import { hijackMethod } from './hijack-method.js';

/**
 * `sagemaker-presigned-url`: open the Jupyter console of a resource that runs as a more privileged role, and act as that role.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreatePresignedNotebookInstanceUrl.html
 */
export const sagemakerPresignedUrl = hijackMethod({
  id: 'sagemaker-presigned-url',
  needs: [['sagemaker:CreatePresignedNotebookInstanceUrl']],
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  doing: 'open the Jupyter console of',
});
